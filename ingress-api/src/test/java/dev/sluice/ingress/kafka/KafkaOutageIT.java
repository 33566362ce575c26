package dev.sluice.ingress.kafka;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.RunningIngress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Kafka unreachable: requests get a bounded 503 rather than hanging, readiness drops,
 * liveness does not, and a fresh ingress refuses to start.
 */
class KafkaOutageIT {

	private static KafkaBroker broker;

	private static RunningIngress ingress;

	@BeforeAll
	static void start() {
		broker = KafkaBroker.temporary().start();
		// No worker here: readiness is about Kafka only.
		ingress = RunningIngress.start(broker.bootstrapServers(), "sluice.ingress.readiness.await-workers=false");
	}

	@AfterAll
	static void stop() {
		ingress.close();
		broker.close();
	}

	@Test
	void submissionsAndLookupsAnswerServiceUnavailableQuicklyWhileTheBrokerIsDown() {
		String body = "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 1}}";
		assertThat(Http.post(ingress.uri("/v1/queries"), body).statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> Http.get(ingress.uri("/actuator/health/readiness")).statusCode() == 200);
		broker.stop();
		try {
			// Answered within a bounded time (the 11 s acknowledgement deadline), never a
			// hung request.
			HttpResponse<String> refused = answeredWithin(Duration.ofSeconds(20),
					() -> Http.post(ingress.uri("/v1/queries"), body));

			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
			assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(Http.json(refused).get("type").stringValue()).isEqualTo("urn:sluice:problem:kafka-unavailable");

			HttpResponse<String> lookup = answeredWithin(Duration.ofSeconds(10),
					() -> Http.get(ingress.uri("/v1/queries/q_01JD7Q8M3K0000000000000000")));
			assertThat(lookup.statusCode()).isEqualTo(503);
			assertThat(lookup.headers().firstValue("Retry-After")).hasValue("5");

			await().atMost(Duration.ofSeconds(20))
				.until(() -> Http.get(ingress.uri("/actuator/health/readiness")).statusCode() == 503);
			assertThat(Http.get(ingress.uri("/actuator/health/liveness")).statusCode()).isEqualTo(200);
		}
		finally {
			broker.start();
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> Http.post(ingress.uri("/v1/queries"), body).statusCode() == 202);
		await("the read barrier back").atMost(Duration.ofSeconds(30))
			.until(() -> Http.get(ingress.uri("/v1/queries/q_01JD7Q8M3K0000000000000000")).statusCode() == 404);
	}

	@Test
	void readinessNamesTheClusterAndCountsItsBrokers() {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> Http.get(ingress.uri("/actuator/health/readiness")).statusCode() == 200);

		JsonNode kafka = Http.json(Http.get(ingress.uri("/actuator/health/readiness"))).get("components").get("kafka");

		assertThat(kafka.get("status").stringValue()).isEqualTo("UP");
		assertThat(kafka.get("details").get("brokers").intValue()).isEqualTo(1);
		assertThat(kafka.get("details").get("clusterId").stringValue()).isNotBlank();
	}

	@Test
	void ingressRefusesToStartWithoutKafkaNamingTheBootstrapServers() {
		CompletableFuture<Void> start = CompletableFuture.runAsync(() -> RunningIngress.start("127.0.0.1:1").close());

		// Bounded well below the clients' own 60 s defaults, even on a busy machine.
		await("the start-up failure").atMost(Duration.ofSeconds(25)).until(start::isDone);
		assertThatThrownBy(start::join).hasRootCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class)
			.hasMessageContaining("Kafka is not reachable at 127.0.0.1:1");
	}

	private static HttpResponse<String> answeredWithin(Duration bound, Supplier<HttpResponse<String>> request) {
		CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(request);
		await("an answer").atMost(bound).until(answer::isDone);
		return answer.join();
	}

}
