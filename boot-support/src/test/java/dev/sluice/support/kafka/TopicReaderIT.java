package dev.sluice.support.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.sluice.devstack.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reader against a real broker: where it starts in each partition, when it counts as
 * caught up, and that it goes on reading what is written later.
 */
class TopicReaderIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static KafkaBroker broker;

	private static Admin admin;

	private static KafkaProducer<String, String> producer;

	private final List<String> handled = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void start() {
		broker = KafkaBroker.temporary().start();
		admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
	}

	@AfterAll
	static void stop() {
		producer.close();
		admin.close();
		broker.close();
	}

	@Test
	void fromBeginningReadsEveryPartitionThenFollows() throws Exception {
		String topic = topic(3);
		send(topic, 0, Instant.now(), "a");
		send(topic, 1, Instant.now(), "b");
		send(topic, 2, Instant.now(), "c");
		TopicReader<String, String> reader = TopicReader.fromBeginning(topic, consumers(), this::handle);

		reader.follow("test-reader");
		try {
			await().atMost(TIMEOUT).until(reader::isCaughtUp);
			assertThat(this.handled).containsExactlyInAnyOrder("a", "b", "c");

			send(topic, 1, Instant.now(), "d");
			reader.reach(endOffsets(reader.partitions())).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

			assertThat(this.handled).containsExactlyInAnyOrder("a", "b", "c", "d");
		}
		finally {
			reader.stop();
		}
		assertThat(reader.isRunning()).isFalse();
	}

	@Test
	void sinceStartsEveryPartitionAtItsFirstRecordOfThatTime() {
		String topic = topic(2);
		Instant now = Instant.now();
		send(topic, 0, now.minus(Duration.ofHours(1)), "old-0");
		send(topic, 1, now.minus(Duration.ofHours(1)), "old-1");
		send(topic, 0, now, "new-0");
		send(topic, 1, now, "new-1");

		caughtUpReaderSince(now.minus(Duration.ofMinutes(1)), topic).stop();

		assertThat(this.handled).containsExactlyInAnyOrder("new-0", "new-1");
	}

	@Test
	void sinceStartsAPartitionWithNothingOfThatTimeAtItsEnd() {
		String topic = topic(2);
		Instant now = Instant.now();
		send(topic, 0, now.minus(Duration.ofHours(1)), "old-0");
		send(topic, 1, now, "new-1");
		TopicReader<String, String> reader = caughtUpReaderSince(now.minus(Duration.ofMinutes(1)), topic);
		try {
			assertThat(this.handled).containsExactly("new-1");

			reader.follow("test-reader");
			send(topic, 0, Instant.now(), "later-0");
			await().atMost(TIMEOUT).until(() -> this.handled.contains("later-0"));
		}
		finally {
			reader.stop();
		}

		assertThat(this.handled).containsExactlyInAnyOrder("new-1", "later-0");
	}

	/** Opened and caught up on the calling thread, not yet following the topic. */
	private TopicReader<String, String> caughtUpReaderSince(Instant since, String topic) {
		TopicReader<String, String> reader = TopicReader.since(since, topic, consumers(), this::handle);
		reader.open(TIMEOUT);
		if (!reader.catchUp(TIMEOUT)) {
			reader.stop();
			throw new AssertionError("Not caught up with " + topic + " within " + TIMEOUT);
		}
		return reader;
	}

	private void handle(ConsumerRecords<String, String> records) {
		records.forEach((record) -> this.handled.add(record.value()));
	}

	private static Supplier<Consumer<String, String>> consumers() {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return () -> new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

	private static String topic(int partitions) {
		String name = "reader-" + UUID.randomUUID();
		try {
			admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
				.all()
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot create topic " + name, ex);
		}
		return name;
	}

	private static void send(String topic, int partition, Instant timestamp, String value) {
		try {
			producer.send(new ProducerRecord<>(topic, partition, timestamp.toEpochMilli(), value, value))
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot write to " + topic, ex);
		}
	}

	private static Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) throws Exception {
		return admin
			.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), (p) -> OffsetSpec.latest())))
			.all()
			.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (end) -> end.getValue().offset()));
	}

}
