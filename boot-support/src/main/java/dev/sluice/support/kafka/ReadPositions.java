package dev.sluice.support.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * How far a {@link TopicReader} has handled each partition, and the callers waiting for
 * it to get somewhere. Updated by the reading thread only; read by any.
 */
final class ReadPositions {

	private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

	private final Queue<Waiter> waiters = new ConcurrentLinkedQueue<>();

	/**
	 * @return the offset of the next record to handle, or {@code null} before the
	 * partition was first read
	 */
	@Nullable Long of(TopicPartition partition) {
		return this.positions.get(partition);
	}

	/**
	 * Take the consumer's positions, once the records it returned have been handled, and
	 * complete the waits they satisfy.
	 * @param timeout how long to wait for a position that is not known yet
	 */
	void update(Consumer<?, ?> consumer, List<TopicPartition> partitions, Duration timeout) {
		for (TopicPartition partition : partitions) {
			try {
				this.positions.put(partition, consumer.position(partition, timeout));
			}
			catch (TimeoutException ex) {
				// Not known yet (Kafka unreachable since opening): waiters keep waiting.
			}
		}
		this.waiters.removeIf((waiter) -> waiter.tryComplete(this));
	}

	boolean reached(Map<TopicPartition, Long> endOffsets) {
		return endOffsets.entrySet()
			.stream()
			.allMatch((end) -> this.positions.getOrDefault(end.getKey(), -1L) >= end.getValue());
	}

	/**
	 * @param endOffsets per partition, the offset the position must reach
	 * @return completes once reached; never fails, the caller bounds the wait
	 */
	CompletableFuture<Void> reach(Map<TopicPartition, Long> endOffsets) {
		Waiter waiter = new Waiter(Map.copyOf(endOffsets), new CompletableFuture<>());
		this.waiters.add(waiter);
		if (waiter.tryComplete(this)) {
			this.waiters.remove(waiter);
		}
		waiter.reached().whenComplete((done, failure) -> this.waiters.remove(waiter));
		return waiter.reached();
	}

	private record Waiter(Map<TopicPartition, Long> endOffsets, CompletableFuture<Void> reached) {

		boolean tryComplete(ReadPositions positions) {
			if (positions.reached(this.endOffsets)) {
				this.reached.complete(null);
			}
			return this.reached.isDone();
		}

	}

}
