package dev.sluice.worker.consume;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the commits an {@link OffsetTracker} allows: asynchronously every
 * {@value #INTERVAL_MS} ms from the poll loop, synchronously when partitions are revoked
 * and on shutdown. A commit that fails is taken again by the next one.
 * <p>
 * Not thread-safe: only the consumer thread uses it.
 */
final class OffsetCommits {

	static final long INTERVAL_MS = 200;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(OffsetCommits.class);

	private final OffsetTracker offsets;

	private long nextCommit = System.nanoTime();

	/**
	 * @param offsets the offsets of the window
	 */
	OffsetCommits(OffsetTracker offsets) {
		this.offsets = offsets;
	}

	/**
	 * Commit without waiting, if the last asynchronous commit is {@value #INTERVAL_MS} ms
	 * old.
	 * @param consumer the consumer, on its own thread
	 */
	void commitAsyncIfDue(Consumer<?, ?> consumer) {
		if (System.nanoTime() - this.nextCommit >= 0) {
			commitAsync(consumer);
			this.nextCommit = System.nanoTime() + INTERVAL_MS * 1_000_000;
		}
	}

	private void commitAsync(Consumer<?, ?> consumer) {
		Map<TopicPartition, OffsetAndMetadata> commits = this.offsets.takeCommits();
		if (!commits.isEmpty()) {
			consumer.commitAsync(commits, (committed, ex) -> {
				if (ex != null) {
					logger.debug("Commit of {} failed, sending it again: {}", commits, ex.getMessage());
					this.offsets.commitFailed(commits);
				}
			});
		}
	}

	/**
	 * Commit and wait for it. A wakeup meant for the poll loop may land here; it is spent
	 * by the first attempt, so the commit is simply sent again.
	 * @param consumer the consumer, on its own thread
	 * @param commits what {@link OffsetTracker#takeCommits} returned
	 */
	void commitSync(Consumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> commits) {
		if (commits.isEmpty()) {
			return;
		}
		for (int attempt = 1;; attempt++) {
			try {
				consumer.commitSync(commits, TIMEOUT);
				return;
			}
			catch (WakeupException ex) {
				if (attempt == 3) {
					this.offsets.commitFailed(commits);
					return;
				}
			}
			catch (KafkaException ex) {
				logger.warn("Could not commit {}; records after the last commit will be delivered again: {}", commits,
						ex.getMessage());
				this.offsets.commitFailed(commits);
				return;
			}
		}
	}

}
