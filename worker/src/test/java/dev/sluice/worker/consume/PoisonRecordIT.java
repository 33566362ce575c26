package dev.sluice.worker.consume;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.Topics;
import dev.sluice.worker.WorkerInfrastructure;
import dev.sluice.worker.WorkerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.sluice.worker.WorkerFixture.client;
import static dev.sluice.worker.WorkerFixture.results;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record that is not a query goes to {@code sluice.queries.dlt}, counted, and the
 * worker goes on with the next one.
 */
@WorkerIntegrationTest
class PoisonRecordIT {

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void undecodableRecordGoesToTheDeadLetterTopicAndTheWorkerKeepsGoing() {
		byte[] garbage = "{not a query".getBytes(StandardCharsets.UTF_8);
		String key = "garbage-" + UUID.randomUUID();
		client().submitRaw(key, garbage);
		QuerySubmitted after = client().query("divide", Map.of("divisor", 5));
		client().submit(after);

		QueryStatus status = results().awaitTerminal(after.id());

		assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(status.result().rows()).isEqualTo(List.of(List.of(2)));
		assertThat(deadLetter(key)).isEqualTo(garbage);
		assertThat(this.meterRegistry.get("sluice.dead.letters").counter().count()).isPositive();
	}

	private static byte[] deadLetter(String key) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, WorkerInfrastructure.broker().bootstrapServers()),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.QUERIES_DEAD_LETTER)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<byte[]> found = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						found.add(record.value());
					}
				}
				return !found.isEmpty();
			});
			return found.get(0);
		}
	}

}
