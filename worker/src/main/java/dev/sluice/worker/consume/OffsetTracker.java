package dev.sluice.worker.consume;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of the assigned partitions may be committed: per partition, the highest
 * contiguous completed offset + 1 (see {@link PartitionOffsets}). A record counts as
 * completed only once its terminal status was acknowledged by Kafka, so a commit never
 * passes a query that could still be lost.
 *
 * <pre>{@code
 * PartitionOffsets offsets = tracker.assign(partition);
 * offsets.dispatched(record.offset());
 * ...
 * offsets.completed(record.offset());            // in any order
 * consumer.commitAsync(tracker.takeCommits(), callback);
 * }</pre>
 * <p>
 * Not thread-safe: only the consumer thread uses it.
 */
final class OffsetTracker {

	private final Map<TopicPartition, PartitionOffsets> partitions = new HashMap<>();

	/**
	 * Start tracking a partition that was assigned.
	 * @param partition the partition
	 * @return its offsets; the same as before if it was assigned already
	 */
	PartitionOffsets assign(TopicPartition partition) {
		return this.partitions.computeIfAbsent(partition, PartitionOffsets::new);
	}

	/**
	 * Stop tracking partitions that were revoked or lost; records of theirs still running
	 * no longer move any commit and will be delivered again to the partitions' next
	 * owner.
	 * @param revoked the partitions
	 */
	void revoke(Collection<TopicPartition> revoked) {
		for (TopicPartition partition : revoked) {
			PartitionOffsets offsets = this.partitions.remove(partition);
			if (offsets != null) {
				offsets.revoke();
			}
		}
	}

	/**
	 * The partitions tracked now.
	 * @return how many
	 */
	int assigned() {
		return this.partitions.size();
	}

	/**
	 * The partitions tracked now.
	 * @return a copy
	 */
	Set<TopicPartition> partitions() {
		return Set.copyOf(this.partitions.keySet());
	}

	/**
	 * Records dispatched and not completed in some partitions.
	 * @param partitions the partitions
	 * @return how many
	 */
	int running(Collection<TopicPartition> partitions) {
		int running = 0;
		for (TopicPartition partition : partitions) {
			PartitionOffsets offsets = this.partitions.get(partition);
			running += (offsets != null) ? offsets.running() : 0;
		}
		return running;
	}

	/**
	 * The offsets to commit for every partition whose commit moved since it was last
	 * sent; they count as sent.
	 * @return the offsets, empty when there is nothing new
	 */
	Map<TopicPartition, OffsetAndMetadata> takeCommits() {
		return takeCommits(this.partitions.keySet());
	}

	/**
	 * {@link #takeCommits()} for some partitions only.
	 * @param partitions the partitions
	 * @return the offsets, empty when there is nothing new
	 */
	Map<TopicPartition, OffsetAndMetadata> takeCommits(Collection<TopicPartition> partitions) {
		Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
		for (TopicPartition partition : partitions) {
			PartitionOffsets offsets = this.partitions.get(partition);
			long offset = (offsets != null) ? offsets.takeCommit() : -1;
			if (offset >= 0) {
				commits.put(partition, new OffsetAndMetadata(offset));
			}
		}
		return commits;
	}

	/**
	 * Commits taken by {@link #takeCommits()} failed; they are taken again next time.
	 * @param commits the offsets that were not committed
	 */
	void commitFailed(Map<TopicPartition, OffsetAndMetadata> commits) {
		commits.forEach((partition, offset) -> {
			PartitionOffsets offsets = this.partitions.get(partition);
			if (offsets != null) {
				offsets.commitFailed(offset.offset());
			}
		});
	}

}
