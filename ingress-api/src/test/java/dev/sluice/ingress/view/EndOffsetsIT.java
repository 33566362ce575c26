package dev.sluice.ingress.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.sluice.devstack.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The read barrier's end offsets on a real broker: every caller gets offsets that hold
 * what was acknowledged before its call, and callers that arrive together share a fetch.
 */
class EndOffsetsIT {

	private static final String TOPIC = "end-offsets-test";

	private static final List<TopicPartition> PARTITIONS = List.of(new TopicPartition(TOPIC, 0),
			new TopicPartition(TOPIC, 1));

	private static KafkaBroker broker;

	private static KafkaProducer<String, String> producer;

	@BeforeAll
	static void start() throws Exception {
		broker = KafkaBroker.temporary().start();
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS.size(), (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
				new StringSerializer(), new StringSerializer());
	}

	@AfterAll
	static void stop() {
		producer.close();
		broker.close();
	}

	@Test
	void everyFetchHoldsWhatWasAcknowledgedBeforeItAndCallersThatArriveTogetherShareOne() throws Exception {
		AtomicReference<Consumer<?, ?>> opened = new AtomicReference<>();
		EndOffsets endOffsets = new EndOffsets(() -> {
			opened.set(consumer());
			return opened.get();
		}, () -> PARTITIONS, Duration.ofSeconds(10));
		endOffsets.start();
		try {
			for (int i = 1; i <= 20; i++) {
				long offset = producer.send(new ProducerRecord<>(TOPIC, i % 2, null, "record " + i))
					.get(10, TimeUnit.SECONDS)
					.offset();

				Map<TopicPartition, Long> ends = endOffsets.fetch().get(10, TimeUnit.SECONDS);

				assertThat(ends).containsOnlyKeys(PARTITIONS);
				assertThat(ends.get(PARTITIONS.get(i % 2))).as("after record %d", i).isGreaterThan(offset);
			}
			int callers = 200;
			double requestsBefore = requestsSent(opened.get());
			Phaser together = new Phaser(callers + 1);
			List<CompletableFuture<Map<TopicPartition, Long>>> answers = new CopyOnWriteArrayList<>();
			List<Thread> threads = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				threads.add(Thread.ofPlatform().start(() -> {
					together.arriveAndAwaitAdvance();
					answers.add(endOffsets.fetch());
				}));
			}
			together.arriveAndAwaitAdvance();
			for (Thread thread : threads) {
				thread.join();
			}
			assertThat(answers).hasSize(callers);
			for (CompletableFuture<Map<TopicPartition, Long>> answer : answers) {
				assertThat(answer.get(30, TimeUnit.SECONDS)).containsEntry(PARTITIONS.get(0), 10L)
					.containsEntry(PARTITIONS.get(1), 10L);
			}
			double requests = requestsSent(opened.get()) - requestsBefore;
			System.out.printf("EndOffsets: %d callers at once were answered with %.0f requests to the broker%n",
					callers, requests);
			assertThat(requests).as("requests for %d callers at once", callers).isLessThan(callers / 2.0);
		}
		finally {
			endOffsets.stop();
		}

		assertThatThrownBy(() -> endOffsets.fetch().get(1, TimeUnit.SECONDS)).as("once stopped")
			.isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(IllegalStateException.class);
	}

	private static Consumer<byte[], byte[]> consumer() {
		return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private static double requestsSent(Consumer<?, ?> consumer) {
		for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
			if (metric.getKey().name().equals("request-total") && metric.getKey().group().equals("consumer-metrics")) {
				return ((Number) metric.getValue().metricValue()).doubleValue();
			}
		}
		throw new IllegalStateException("the consumer has no request-total metric");
	}

}
