package dev.sluice.worker.consume;

import org.apache.kafka.common.TopicPartition;

/**
 * The records of one assigned partition between dispatch and completion, in offset order,
 * and the offset that may be committed for it: the first record not yet completed, or one
 * past the last dispatched record once all have completed. A record that completed behind
 * one still running therefore holds no commit, and a slow query holds back only its own
 * partition.
 * <p>
 * Kept as a ring of offsets rather than a sorted set: records arrive in offset order, so
 * appending keeps it sorted, a completion is a binary search, and nothing is allocated
 * per record. Not thread-safe: only the consumer thread uses it.
 */
final class PartitionOffsets {

	private static final int INITIAL_CAPACITY = 16;

	private final TopicPartition partition;

	private long[] offsets = new long[INITIAL_CAPACITY];

	private boolean[] completed = new boolean[INITIAL_CAPACITY];

	private int head;

	private int count;

	private int running;

	private long lastDispatched = -1;

	private long sent = -1;

	private boolean revoked;

	PartitionOffsets(TopicPartition partition) {
		this.partition = partition;
	}

	TopicPartition partition() {
		return this.partition;
	}

	/**
	 * A record of this partition was handed to the pipeline.
	 * @param offset its offset, higher than every offset dispatched before
	 */
	void dispatched(long offset) {
		if (offset <= this.lastDispatched) {
			throw new IllegalArgumentException("Offset " + offset + " of " + this.partition
					+ " dispatched after offset " + this.lastDispatched + "; offsets must rise");
		}
		if (this.sent < 0) {
			// The group's committed offset is where this assignment started reading.
			this.sent = offset;
		}
		if (this.count == this.offsets.length) {
			grow();
		}
		int slot = (this.head + this.count) & (this.offsets.length - 1);
		this.offsets[slot] = offset;
		this.completed[slot] = false;
		this.count++;
		this.running++;
		this.lastDispatched = offset;
	}

	/**
	 * A record's terminal status was acknowledged by Kafka.
	 * @param offset its offset
	 * @return {@code false} if the offset was not waiting here (completed before, or
	 * never dispatched)
	 */
	boolean completed(long offset) {
		int index = indexOf(offset);
		if (index < 0 || this.completed[index]) {
			return false;
		}
		this.completed[index] = true;
		this.running--;
		int mask = this.offsets.length - 1;
		while (this.count > 0 && this.completed[this.head]) {
			this.head = (this.head + 1) & mask;
			this.count--;
		}
		return true;
	}

	/**
	 * The records dispatched and not yet completed.
	 * @return how many
	 */
	int running() {
		return this.running;
	}

	/**
	 * The offset to commit: everything below it has completed.
	 * @return the offset, or {@code -1} before the first dispatch
	 */
	long committable() {
		if (this.count > 0) {
			return this.offsets[this.head];
		}
		return (this.lastDispatched >= 0) ? this.lastDispatched + 1 : -1;
	}

	/**
	 * The offset to commit now, if it moved since the last commit was sent; it then
	 * counts as sent.
	 * @return the offset, or {@code -1} if there is nothing new to commit
	 */
	long takeCommit() {
		long committable = committable();
		if (committable < 0 || committable <= this.sent) {
			return -1;
		}
		this.sent = committable;
		return committable;
	}

	/**
	 * A commit sent by {@link #takeCommit()} failed; the offset is sent again next time
	 * unless a later commit was sent meanwhile.
	 * @param offset the offset that was not committed
	 */
	void commitFailed(long offset) {
		if (this.sent == offset) {
			this.sent = -1;
		}
	}

	/**
	 * The partition was taken away; completions that arrive later no longer move its
	 * commit.
	 */
	void revoke() {
		this.revoked = true;
	}

	boolean isRevoked() {
		return this.revoked;
	}

	private int indexOf(long offset) {
		int mask = this.offsets.length - 1;
		int low = 0;
		int high = this.count - 1;
		while (low <= high) {
			int middle = (low + high) >>> 1;
			int slot = (this.head + middle) & mask;
			long found = this.offsets[slot];
			if (found < offset) {
				low = middle + 1;
			}
			else if (found > offset) {
				high = middle - 1;
			}
			else {
				return slot;
			}
		}
		return -1;
	}

	private void grow() {
		int length = this.offsets.length;
		long[] offsets = new long[length * 2];
		boolean[] completed = new boolean[length * 2];
		for (int i = 0; i < this.count; i++) {
			int slot = (this.head + i) & (length - 1);
			offsets[i] = this.offsets[slot];
			completed[i] = this.completed[slot];
		}
		this.offsets = offsets;
		this.completed = completed;
		this.head = 0;
	}

}
