package dev.sluice.ingress.readiness;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.sluice.contract.Topics;
import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.RunningIngress;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingress is ready only once the worker group holds every partition of
 * {@code sluice.queries}, with the test playing a worker of either group protocol, and
 * stays ready when the workers leave.
 */
class WorkerReadinessIT {

	private static KafkaBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = KafkaBroker.temporary().start();
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "classic", "consumer" })
	void readyOnceAWorkerHoldsEveryPartitionAndStillReadyAfterItLeaves(String protocol) {
		try (RunningIngress ingress = RunningIngress.start(broker.bootstrapServers())) {
			await("a look at the empty worker group").atMost(Duration.ofSeconds(20))
				.until(() -> workers(readiness(ingress)).path("details").has("members"));
			HttpResponse<String> waiting = Http.get(ingress.uri("/actuator/health/readiness"));
			assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(503);
			assertThat(workers(waiting).get("status").stringValue()).isEqualTo("OUT_OF_SERVICE");
			assertThat(workers(waiting).get("details").get("reason").stringValue())
				.contains("sluice.ingress.readiness.await-workers=false");

			try (KafkaConsumer<byte[], byte[]> worker = worker(protocol)) {
				worker.subscribe(List.of(Topics.QUERIES));
				await("readiness with a " + protocol + " worker").atMost(Duration.ofSeconds(30)).until(() -> {
					worker.poll(Duration.ofMillis(100));
					return readiness(ingress).statusCode() == 200;
				});

				JsonNode details = workers(readiness(ingress)).get("details");
				assertThat(details.get("state").stringValue()).isEqualTo("Stable");
				assertThat(details.get("members").intValue()).isEqualTo(1);
				assertThat(details.get("consumingWorkers").intValue()).isEqualTo(1);
				assertThat(details.get("assignedPartitions").stringValue()).isEqualTo("3/3");
			}

			await("the worker's leave seen").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				HttpResponse<String> left = readiness(ingress);
				assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
				assertThat(workers(left).get("details").get("members").intValue()).isZero();
				assertThat(workers(left).get("details").get("note").stringValue()).contains("wait in sluice.queries");
			});
		}
	}

	@Test
	void ingressWithoutWorkersIsReadyWhenToldNotToAwaitThem() {
		try (RunningIngress ingress = RunningIngress.start(broker.bootstrapServers(),
				"sluice.ingress.readiness.await-workers=false")) {
			await().atMost(Duration.ofSeconds(20)).until(() -> readiness(ingress).statusCode() == 200);

			assertThat(workers(readiness(ingress)).get("status").stringValue()).isEqualTo("UP");
		}
	}

	private static HttpResponse<String> readiness(RunningIngress ingress) {
		return Http.get(ingress.uri("/actuator/health/readiness"));
	}

	private static JsonNode workers(HttpResponse<String> readiness) {
		return Http.json(readiness).path("components").path("workers");
	}

	private static KafkaConsumer<byte[], byte[]> worker(String protocol) {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, Topics.WORKER_GROUP, ConsumerConfig.GROUP_PROTOCOL_CONFIG,
						protocol, ConsumerConfig.CLIENT_ID_CONFIG, "sluice-worker_test_" + protocol + "-0",
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

}
