package dev.sluice.support.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partitions a {@link TopicReader} reads, and where it starts in each: where it
 * was, for a partition it read before; else at the first record since a point in time, or
 * at the beginning.
 */
final class TopicAssignment {

	private static final Logger logger = LoggerFactory.getLogger(TopicAssignment.class);

	private static final Duration METADATA_RETRY = Duration.ofMillis(200);

	private final String topic;

	private final @Nullable Instant since;

	/**
	 * @param since where reading starts in a partition not read before: its first record
	 * at or after this time, or its end if there is none; {@code null} for its beginning
	 */
	TopicAssignment(String topic, @Nullable Instant since) {
		this.topic = topic;
		this.since = since;
	}

	/**
	 * Assign every partition of the topic and seek each to where reading goes on.
	 * @param timeout how long the topic may have no partitions yet, and how long each
	 * call to Kafka may take
	 * @return the partitions
	 * @throws IllegalStateException if the topic has no partitions within the timeout
	 */
	List<TopicPartition> assignAll(Consumer<?, ?> consumer, ReadPositions positions, Duration timeout) {
		List<TopicPartition> all = partitionsOf(consumer, timeout);
		consumer.assign(all);
		List<TopicPartition> unread = new ArrayList<>();
		for (TopicPartition partition : all) {
			Long position = positions.of(partition);
			if (position != null) {
				consumer.seek(partition, position);
			}
			else {
				unread.add(partition);
			}
		}
		if (!unread.isEmpty()) {
			seekToStart(consumer, unread, timeout);
		}
		return all;
	}

	/**
	 * Also assign partitions added to the topic since, from their beginning: they would
	 * otherwise never be read, and their records would be missing from this process only.
	 * @param assigned the partitions assigned now
	 * @return all partitions now assigned
	 */
	List<TopicPartition> addNew(Consumer<?, ?> consumer, List<TopicPartition> assigned, Duration timeout) {
		try {
			List<TopicPartition> all = partitions(consumer.partitionsFor(this.topic, timeout));
			List<TopicPartition> added = all.stream().filter((partition) -> !assigned.contains(partition)).toList();
			if (added.isEmpty()) {
				return assigned;
			}
			// assign() keeps the positions of partitions that stay assigned.
			consumer.assign(all);
			consumer.seekToBeginning(added);
			logger.info("{} grew to {} partitions; reading {} from the beginning", this.topic, all.size(), added);
			return all;
		}
		catch (TimeoutException ex) {
			// Kafka is slow or away; the reader checks again later.
			return assigned;
		}
	}

	/**
	 * Just after the topic was created its metadata may not have reached the broker yet,
	 * so an empty answer is asked again until the timeout.
	 */
	private List<TopicPartition> partitionsOf(Consumer<?, ?> consumer, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		List<TopicPartition> all = partitions(consumer.partitionsFor(this.topic, timeout));
		while (all.isEmpty() && System.nanoTime() - deadline < 0) {
			pause();
			all = partitions(consumer.partitionsFor(this.topic, timeout));
		}
		if (all.isEmpty()) {
			throw new IllegalStateException(
					"topic " + this.topic + " does not exist after " + timeout.toSeconds() + " s");
		}
		return all;
	}

	/**
	 * Never called with no partitions: Kafka's consumer takes seeking no partitions to
	 * mean all of them.
	 */
	private void seekToStart(Consumer<?, ?> consumer, List<TopicPartition> unread, Duration timeout) {
		if (this.since == null) {
			consumer.seekToBeginning(unread);
			return;
		}
		long sinceMillis = this.since.toEpochMilli();
		Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(
				unread.stream().collect(Collectors.toMap(Function.identity(), (partition) -> sinceMillis)), timeout);
		List<TopicPartition> nothingSince = new ArrayList<>();
		for (TopicPartition partition : unread) {
			OffsetAndTimestamp offset = offsets.get(partition);
			if (offset != null) {
				consumer.seek(partition, offset.offset());
			}
			else {
				nothingSince.add(partition);
			}
		}
		if (!nothingSince.isEmpty()) {
			consumer.seekToEnd(nothingSince);
		}
	}

	private void pause() {
		try {
			Thread.sleep(METADATA_RETRY);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + this.topic, ex);
		}
	}

	private static List<TopicPartition> partitions(@Nullable List<PartitionInfo> infos) {
		if (infos == null) {
			return List.of();
		}
		return infos.stream().map((info) -> new TopicPartition(info.topic(), info.partition())).toList();
	}

}
