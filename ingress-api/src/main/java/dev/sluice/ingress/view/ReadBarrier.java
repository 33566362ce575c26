package dev.sluice.ingress.view;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.sluice.ingress.kafka.KafkaUnavailableException;
import org.apache.kafka.common.TopicPartition;

/**
 * Makes "not in the view" mean "does not exist": it fetches the current end offsets of
 * the results topic ({@link EndOffsets}, one fetch for all lookups that arrive together)
 * and waits until the materializer has applied everything before them. A status
 * acknowledged by Kafka before the barrier started, through any ingress replica, is then
 * in the view.
 */
final class ReadBarrier {

	private final EndOffsets endOffsets;

	private final ResultsMaterializer materializer;

	private final Duration timeout;

	ReadBarrier(EndOffsets endOffsets, ResultsMaterializer materializer, Duration timeout) {
		this.endOffsets = endOffsets;
		this.materializer = materializer;
		this.timeout = timeout;
	}

	/**
	 * Wait until the view holds every status written before this call.
	 * @param id the query being looked up, for error messages
	 * @throws KafkaUnavailableException if the end offsets cannot be fetched or the view
	 * does not catch up within the timeout
	 */
	void await(String id) {
		if (this.materializer.partitions().isEmpty()) {
			throw new KafkaUnavailableException("The ingress has not started reading results yet, so it cannot tell "
					+ "whether " + id + " exists; retry in a few seconds", null);
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Map<TopicPartition, Long> endOffsets = endOffsets(id, deadline);
		try {
			this.materializer.reach(endOffsets).get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw behind(id, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw behind(id, ex);
		}
	}

	private Map<TopicPartition, Long> endOffsets(String id, long deadline) {
		try {
			return this.endOffsets.fetch().get(remainingNanos(deadline), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unreachable(id, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw unreachable(id, ex);
		}
	}

	private long remainingNanos(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

	private KafkaUnavailableException unreachable(String id, Exception cause) {
		return new KafkaUnavailableException("Kafka did not answer within " + this.timeout.toMillis()
				+ " ms, so the ingress cannot tell whether " + id + " exists; retry in a few seconds", cause);
	}

	private KafkaUnavailableException behind(String id, Exception cause) {
		return new KafkaUnavailableException("The ingress could not catch up with the results topic within "
				+ this.timeout.toMillis() + " ms to look up " + id + "; retry in a few seconds", cause);
	}

}
