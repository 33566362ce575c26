package dev.sluice.worker.cancel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryCancelRequested;
import dev.sluice.contract.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of {@link Topics#CANCELS} on its own thread, without a consumer
 * group: each worker must see every cancel, since any of them may hold the query.
 * <p>
 * Starts at the cancels of the last {@code lookBack} (the longest catalog
 * {@code queueTimeout} plus a minute: a query older than that has expired anyway) and
 * catches up before the query listener starts, so a query queued before its cancel is
 * never started by a worker that has not seen the cancel yet.
 */
class CancelReader implements SmartLifecycle {

	/** Before the query listener container starts, after it stops. */
	static final int PHASE = Integer.MAX_VALUE - 200;

	private static final Logger logger = LoggerFactory.getLogger(CancelReader.class);

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration PARTITION_REFRESH = Duration.ofMinutes(1);

	private static final Duration METADATA_RETRY = Duration.ofMillis(200);

	private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

	private final Map<String, Object> consumerConfig;

	private final CanceledQueries canceled;

	private final Duration lookBack;

	private final Duration startTimeout;

	private final Clock clock;

	private volatile boolean running;

	private volatile Consumer<String, QueryCancelRequested> consumer;

	private Thread thread;

	CancelReader(Map<String, Object> consumerConfig, CanceledQueries canceled, Duration lookBack, Duration startTimeout,
			Clock clock) {
		this.consumerConfig = Map.copyOf(consumerConfig);
		this.canceled = canceled;
		this.lookBack = lookBack;
		this.startTimeout = startTimeout;
		this.clock = clock;
	}

	@Override
	public void start() {
		Consumer<String, QueryCancelRequested> consumer = new KafkaConsumer<>(this.consumerConfig,
				new StringDeserializer(), lenientDeserializer());
		try {
			List<TopicPartition> partitions = partitions(consumer);
			consumer.assign(partitions);
			seekToLookBack(consumer, partitions);
			catchUp(consumer, partitions);
		}
		catch (RuntimeException ex) {
			consumer.close(Duration.ZERO);
			throw new IllegalStateException("Cannot read " + Topics.CANCELS + ": " + ex.getMessage(), ex);
		}
		this.consumer = consumer;
		this.running = true;
		this.thread = new Thread(() -> run(consumer), "sluice-cancels");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread reader = this.thread;
		if (reader != null) {
			this.consumer.wakeup();
			try {
				reader.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void run(Consumer<String, QueryCancelRequested> consumer) {
		Instant nextRefresh = this.clock.instant().plus(PARTITION_REFRESH);
		try (consumer) {
			while (this.running) {
				try {
					consumer.poll(POLL).forEach(this::apply);
					if (this.clock.instant().isAfter(nextRefresh)) {
						addNewPartitions(consumer);
						nextRefresh = this.clock.instant().plus(PARTITION_REFRESH);
					}
				}
				catch (WakeupException ex) {
					// stop() woke the poll up: the loop condition ends the thread.
				}
				catch (RuntimeException ex) {
					// The thread must outlive a bad poll: it is the only reader of
					// cancels.
					logger.warn("Reading {} failed, retrying in {}: {}", Topics.CANCELS, ERROR_PAUSE, ex.getMessage());
					pause(ERROR_PAUSE);
				}
			}
		}
		catch (KafkaException ex) {
			logger.debug("Closing the cancel reader: {}", ex.getMessage());
		}
	}

	private void apply(ConsumerRecord<String, QueryCancelRequested> record) {
		String id = (record.value() != null && record.value().id() != null) ? record.value().id() : record.key();
		if (id != null) {
			logger.debug("Query {} was cancelled", id);
			this.canceled.cancel(id);
		}
	}

	/**
	 * The partitions of the cancel topic. Just after the topic was created its metadata
	 * may not have reached the broker yet, so an empty answer is asked again until the
	 * start timeout.
	 */
	private List<TopicPartition> partitions(Consumer<?, ?> consumer) {
		Instant deadline = this.clock.instant().plus(this.startTimeout);
		List<PartitionInfo> infos = consumer.partitionsFor(Topics.CANCELS, this.startTimeout);
		while (infos.isEmpty() && this.clock.instant().isBefore(deadline)) {
			pause(METADATA_RETRY);
			infos = consumer.partitionsFor(Topics.CANCELS, this.startTimeout);
		}
		if (infos.isEmpty()) {
			throw new IllegalStateException(
					"topic " + Topics.CANCELS + " does not exist after " + this.startTimeout.toSeconds() + " s");
		}
		return infos.stream().map((info) -> new TopicPartition(info.topic(), info.partition())).toList();
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + Topics.CANCELS, ex);
		}
	}

	private void seekToLookBack(Consumer<?, ?> consumer, List<TopicPartition> partitions) {
		long since = this.clock.instant().minus(this.lookBack).toEpochMilli();
		Map<TopicPartition, Long> times = new HashMap<>();
		partitions.forEach((partition) -> times.put(partition, since));
		Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, this.startTimeout);
		List<TopicPartition> nothingRecent = new ArrayList<>();
		for (TopicPartition partition : partitions) {
			OffsetAndTimestamp offset = offsets.get(partition);
			if (offset != null) {
				consumer.seek(partition, offset.offset());
			}
			else {
				nothingRecent.add(partition);
			}
		}
		if (!nothingRecent.isEmpty()) {
			// Given no partitions, seekToEnd() moves every assigned partition to its end.
			consumer.seekToEnd(nothingRecent);
		}
	}

	private void catchUp(Consumer<String, QueryCancelRequested> consumer, List<TopicPartition> partitions) {
		Map<TopicPartition, Long> end = consumer.endOffsets(partitions, this.startTimeout);
		Instant deadline = this.clock.instant().plus(this.startTimeout);
		int read = 0;
		while (!caughtUp(consumer, end)) {
			if (this.clock.instant().isAfter(deadline)) {
				logger.warn("Not caught up with {} after {}; reading on in the background", Topics.CANCELS,
						this.startTimeout);
				return;
			}
			for (ConsumerRecord<String, QueryCancelRequested> record : consumer.poll(POLL)) {
				apply(record);
				read++;
			}
		}
		logger.info("Read {} recent cancels from {}", read, Topics.CANCELS);
	}

	private static boolean caughtUp(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
		return end.entrySet().stream().allMatch((entry) -> consumer.position(entry.getKey()) >= entry.getValue());
	}

	private void addNewPartitions(Consumer<?, ?> consumer) {
		Set<TopicPartition> assigned = consumer.assignment();
		List<TopicPartition> all = consumer.partitionsFor(Topics.CANCELS, POLL)
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		List<TopicPartition> added = all.stream().filter((partition) -> !assigned.contains(partition)).toList();
		if (!added.isEmpty()) {
			// assign() keeps the positions of partitions that stay assigned.
			consumer.assign(all);
			consumer.seekToBeginning(added);
			logger.info("Now also reading {}", added.stream().map(String::valueOf).collect(Collectors.joining(", ")));
		}
	}

	/**
	 * A cancel whose value cannot be decoded still names the query in its key, so the
	 * value is decoded leniently rather than failing the poll.
	 */
	private static Deserializer<QueryCancelRequested> lenientDeserializer() {
		Deserializer<QueryCancelRequested> strict = JsonCodec.deserializer(QueryCancelRequested.class);
		return (topic, data) -> {
			try {
				return strict.deserialize(topic, data);
			}
			catch (SerializationException ex) {
				return null;
			}
		};
	}

}
