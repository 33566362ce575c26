package dev.sluice.worker.consume;

import java.time.Duration;
import java.util.Collection;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the window's offsets in step with the assignment of the query consumer. On
 * revocation it waits up to {@value #REVOKE_TIMEOUT_MS} ms for the running records of the
 * revoked partitions, commits what completed and abandons the rest, uncommitted, to the
 * partitions' next owner. Lost partitions are abandoned without a commit.
 * <p>
 * Runs on the consumer thread, inside its poll.
 */
final class PartitionRebalance implements ConsumerRebalanceListener {

	static final long REVOKE_TIMEOUT_MS = 5000;

	private static final Duration SETTLE_WAIT = Duration.ofMillis(50);

	private static final Logger logger = LoggerFactory.getLogger(PartitionRebalance.class);

	private final Consumer<?, ?> consumer;

	private final InFlightWindow window;

	private final OffsetCommits commits;

	private final BooleanSupplier paused;

	private final IntConsumer partitionsHeld;

	/**
	 * @param consumer the consumer this listens to
	 * @param window its in-flight window
	 * @param commits sends the window's commits
	 * @param paused whether the consumer's partitions are paused now, so that assigned
	 * ones are paused too
	 * @param partitionsHeld told the number of partitions held after every change
	 */
	PartitionRebalance(Consumer<?, ?> consumer, InFlightWindow window, OffsetCommits commits, BooleanSupplier paused,
			IntConsumer partitionsHeld) {
		this.consumer = consumer;
		this.window = window;
		this.commits = commits;
		this.paused = paused;
		this.partitionsHeld = partitionsHeld;
	}

	@Override
	public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
		partitions.forEach(this.window.offsets()::assign);
		if (this.paused.getAsBoolean() && !partitions.isEmpty()) {
			this.consumer.pause(partitions);
		}
		this.partitionsHeld.accept(this.window.offsets().assigned());
		if (!partitions.isEmpty()) {
			logger.info("Now consuming {}", partitions);
		}
	}

	@Override
	public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		if (partitions.isEmpty()) {
			return;
		}
		long deadline = System.nanoTime() + REVOKE_TIMEOUT_MS * 1_000_000;
		try {
			while (this.window.running(partitions) > 0 && System.nanoTime() - deadline < 0) {
				this.window.settle(SETTLE_WAIT);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.window.settle();
		int abandoned = this.window.running(partitions);
		this.commits.commitSync(this.consumer, this.window.offsets().takeCommits(partitions));
		this.window.revoke(partitions);
		this.partitionsHeld.accept(this.window.offsets().assigned());
		logger.info("Gave up {}{}", partitions, (abandoned > 0)
				? "; " + abandoned + " queries still running there will be delivered again to their next owner" : "");
	}

	@Override
	public void onPartitionsLost(Collection<TopicPartition> partitions) {
		this.window.revoke(partitions);
		this.partitionsHeld.accept(this.window.offsets().assigned());
		logger.warn("Lost {}; their queries in flight will be delivered again to their next owner", partitions);
	}

}
