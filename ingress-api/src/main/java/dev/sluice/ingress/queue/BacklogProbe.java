package dev.sluice.ingress.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.sluice.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Measures the backlog of {@link Topics#QUERIES} from outside the worker group: end
 * offsets against the group's committed offsets, and the timestamp of the record at each
 * committed offset, which is the oldest one no worker has finished. A partition the group
 * never committed counts from its first offset, so the backlog shows even with no worker
 * running.
 *
 * <p>
 * Not thread-safe: one scheduler thread calls {@link #measure()}.
 */
final class BacklogProbe implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	/** The suffix a listener container adds to the client id of each of its consumers. */
	private static final Pattern CONSUMER_SUFFIX = Pattern.compile("-\\d+$");

	private final Admin admin;

	private final Consumer<byte[], byte[]> reader;

	private final Clock clock;

	BacklogProbe(Admin admin, Consumer<byte[], byte[]> reader, Clock clock) {
		this.admin = admin;
		this.reader = reader;
		this.clock = clock;
	}

	@Override
	public void close() {
		this.reader.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(TIMEOUT));
	}

	/**
	 * Measure the backlog. Under load each request to Kafka can take hundreds of
	 * milliseconds, so the moment it stands for is taken just before the two that count:
	 * the committed offsets, then the end offsets, which hold everything admitted before
	 * that moment. The count of queries run is read at that moment too: its advance is
	 * the drain rate, and so must be timed exactly.
	 * @param admissions how many queries this ingress has admitted so far
	 * @param ran how many queries the fleet has run to their end so far, as this ingress
	 * counts them from their statuses
	 * @return the backlog, when it was measured, and what had been admitted by then
	 */
	Measurement measure(LongSupplier admissions, LongSupplier ran)
			throws ExecutionException, InterruptedException, TimeoutException {
		List<TopicPartition> partitions = partitions();
		long atNanos = System.nanoTime();
		long admittedBefore = admissions.getAsLong();
		long ranBefore = ran.getAsLong();
		Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(Topics.WORKER_GROUP)
			.partitionsToOffsetAndMetadata()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		Map<TopicPartition, Long> end = offsets(partitions, OffsetSpec.latest());
		Map<TopicPartition, Long> first = offsets(partitions, OffsetSpec.earliest());
		Map<TopicPartition, Long> next = new HashMap<>();
		long depth = 0;
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata done = committed.get(partition);
			long start = Math.max(first.get(partition), (done != null) ? done.offset() : 0);
			if (end.get(partition) > start) {
				next.put(partition, start);
				depth += end.get(partition) - start;
			}
		}
		return new Measurement(new QueueBacklog(depth, oldestAgeSeconds(next), consumingWorkers(), ranBefore), atNanos,
				admittedBefore);
	}

	private List<TopicPartition> partitions() throws ExecutionException, InterruptedException, TimeoutException {
		return this.admin.describeTopics(List.of(Topics.QUERIES))
			.allTopicNames()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.get(Topics.QUERIES)
			.partitions()
			.stream()
			.map((info) -> new TopicPartition(Topics.QUERIES, info.partition()))
			.toList();
	}

	private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec)
			throws ExecutionException, InterruptedException, TimeoutException {
		Map<TopicPartition, ListOffsetsResultInfo> offsets = this.admin
			.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), (partition) -> spec)))
			.all()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return offsets.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset()));
	}

	/** The age of the oldest of the records at the given offsets, in seconds. */
	private double oldestAgeSeconds(Map<TopicPartition, Long> offsets) {
		if (offsets.isEmpty()) {
			return 0;
		}
		this.reader.assign(offsets.keySet());
		offsets.forEach(this.reader::seek);
		Map<TopicPartition, Long> timestamps = new HashMap<>();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (timestamps.size() < offsets.size() && System.nanoTime() < deadline) {
			for (ConsumerRecord<byte[], byte[]> record : this.reader.poll(Duration.ofMillis(200))) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				timestamps.putIfAbsent(partition, record.timestamp());
				this.reader.pause(List.of(partition));
			}
		}
		this.reader.resume(this.reader.paused());
		long oldest = timestamps.values().stream().mapToLong(Long::longValue).min().orElse(this.clock.millis());
		return Math.max(0, this.clock.millis() - oldest) / 1000.0;
	}

	private int consumingWorkers() throws InterruptedException, TimeoutException, ExecutionException {
		try {
			ConsumerGroupDescription group = this.admin.describeConsumerGroups(List.of(Topics.WORKER_GROUP))
				.describedGroups()
				.get(Topics.WORKER_GROUP)
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			// A worker runs several consumers, client ids <worker id>-0, <worker id>-1...
			return (int) group.members()
				.stream()
				.filter((member) -> !member.assignment().topicPartitions().isEmpty())
				.map((member) -> CONSUMER_SUFFIX.matcher(member.clientId()).replaceFirst(""))
				.distinct()
				.count();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof GroupIdNotFoundException) {
				return 0;
			}
			throw ex;
		}
	}

	/**
	 * One measurement and the moment it stands for.
	 *
	 * @param backlog the backlog
	 * @param atNanos when, by {@link System#nanoTime()}
	 * @param admittedBefore how many queries this ingress had admitted by then
	 */
	record Measurement(QueueBacklog backlog, long atNanos, long admittedBefore) {
	}

}
