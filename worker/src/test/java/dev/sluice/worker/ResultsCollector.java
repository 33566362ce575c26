package dev.sluice.worker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.StatusHead;
import dev.sluice.contract.StatusHeaders;
import dev.sluice.contract.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * Reads {@code sluice.results} from the beginning, as an ingress would, and keeps every
 * status of every query in arrival order, with the head its record's headers carry and
 * the record's value as it came.
 */
public final class ResultsCollector implements AutoCloseable {

	private final Map<String, List<Published>> records = new ConcurrentHashMap<>();

	private final KafkaConsumer<String, byte[]> consumer;

	private final List<TopicPartition> partitions;

	private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final Thread thread;

	public ResultsCollector(String bootstrapServers) {
		this.consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new StringDeserializer(), new ByteArrayDeserializer());
		this.partitions = this.consumer.partitionsFor(Topics.RESULTS, Duration.ofSeconds(30))
			.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		this.consumer.assign(this.partitions);
		this.consumer.seekToBeginning(this.partitions);
		this.thread = new Thread(this::run, "results-collector");
		this.thread.start();
	}

	private void run() {
		try {
			while (this.running.get()) {
				this.consumer.poll(Duration.ofMillis(100))
					.forEach(
							(record) -> this.records.computeIfAbsent(record.key(), (id) -> new CopyOnWriteArrayList<>())
								.add(new Published(StatusHeaders.read(record.key(), record.headers()), record.value(),
										JsonCodec.decode(record.value(), QueryStatus.class))));
				this.consumer.assignment()
					.forEach((partition) -> this.positions.put(partition, this.consumer.position(partition)));
			}
		}
		catch (WakeupException ex) {
			// closing
		}
		finally {
			this.consumer.close(Duration.ofSeconds(2));
		}
	}

	public List<QueryStatus> statuses(String id) {
		return records(id).stream().map(Published::status).toList();
	}

	public List<Published> records(String id) {
		return List.copyOf(this.records.getOrDefault(id, List.of()));
	}

	public List<QueryStatus> terminalStatuses(String id) {
		return statuses(id).stream().filter((status) -> status.state().isTerminal()).toList();
	}

	public QueryStatus awaitTerminal(String id) {
		return awaitTerminal(id, Duration.ofSeconds(30));
	}

	public QueryStatus awaitTerminal(String id, Duration timeout) {
		await().atMost(timeout).until(() -> !terminalStatuses(id).isEmpty());
		return terminalStatuses(id).get(0);
	}

	public QueryStatus awaitState(String id, QueryState state, Duration timeout) {
		await().atMost(timeout).until(() -> statuses(id).stream().anyMatch((status) -> status.state() == state));
		return statuses(id).stream().filter((status) -> status.state() == state).findFirst().orElseThrow();
	}

	/**
	 * Wait until this collector has read everything written to the topic so far.
	 */
	public void awaitCaughtUp(String bootstrapServers) {
		Map<TopicPartition, Long> end;
		try (KafkaConsumer<String, String> probe = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringDeserializer(),
				new StringDeserializer())) {
			end = probe.endOffsets(this.partitions);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> end.entrySet()
				.stream()
				.allMatch((entry) -> this.positions.getOrDefault(entry.getKey(), 0L) >= entry.getValue()));
	}

	/**
	 * One record of {@code sluice.results}.
	 *
	 * @param head what its headers say, {@code null} without headers
	 * @param value its value as it came
	 * @param status the value decoded
	 */
	public record Published(StatusHead head, byte[] value, QueryStatus status) {
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.consumer.wakeup();
		this.thread.join(5000);
	}

}
