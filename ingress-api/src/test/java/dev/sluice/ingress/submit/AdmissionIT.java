package dev.sluice.ingress.submit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.sluice.contract.Topics;
import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.RunningIngress;
import dev.sluice.ingress.support.WorkerGroupMember;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Admission control against a real broker, with the test playing a worker that holds the
 * partitions and stops committing, as a fleet stuck on its database would.
 */
class AdmissionIT {

	private static KafkaBroker broker;

	private static RunningIngress ingress;

	@BeforeAll
	static void start() {
		broker = KafkaBroker.temporary().start();
		ingress = RunningIngress.start(broker.bootstrapServers(), "sluice.queue.interval=500ms");
	}

	@AfterAll
	static void stop() {
		ingress.close();
		broker.close();
	}

	@Test
	void aQueryThatWouldWaitPastItsDeadlineIsRefusedWithRetryAfterUntilTheQueueDrains() {
		try (KafkaConsumer<byte[], byte[]> worker = WorkerGroupMember.create(broker.bootstrapServers(),
				"sluice-worker_host_7-0")) {
			worker.subscribe(List.of(Topics.QUERIES));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				worker.poll(Duration.ofMillis(100));
				return !worker.assignment().isEmpty();
			});
			assertThat(submit(1000).statusCode()).isEqualTo(202);

			// The worker polls and never commits: the oldest record ages past what a 1-s
			// deadline allows, while a patient query is still admitted.
			HttpResponse<String> refused = await().atMost(Duration.ofSeconds(20)).until(() -> {
				worker.poll(Duration.ofMillis(50));
				return submit(1000);
			}, (response) -> response.statusCode() == 503);
			assertThat(refused.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(Http.json(refused).get("type").stringValue()).isEqualTo("urn:sluice:problem:queue-full");
			assertThat(Http.json(refused).get("detail").stringValue()).contains("deadline of 1000 ms");
			assertThat(refused.headers().firstValue("Retry-After"))
				.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
			// The patient query is told when a worker should reach it: no sooner than the
			// 750 ms (the 1-s deadline less 25 % headroom) the impatient one was refused
			// for.
			HttpResponse<String> accepted = submit(60_000);
			assertThat(accepted.statusCode()).isEqualTo(202);
			Instant submittedAt = Instant.parse(Http.json(accepted).get("submittedAt").stringValue());
			Instant expectedStartAt = Instant.parse(Http.json(accepted).get("expectedStartAt").stringValue());
			assertThat(expectedStartAt).isAfter(submittedAt.plusMillis(750));
			assertThat(Http.get(ingress.uri("/actuator/prometheus")).body()).containsPattern(
					"sluice_submissions_total\\{application=\"sluice-ingress\",outcome=\"rejected\",query=\"customer_by_id\",reason=\"queue_full\"} \\d");

			// Once the worker catches up and commits, the impatient are admitted again.
			await().atMost(Duration.ofSeconds(20)).until(() -> {
				worker.poll(Duration.ofMillis(50));
				worker.commitSync();
				return submit(1000).statusCode() == 202;
			});
		}
	}

	private static HttpResponse<String> submit(int timeoutMs) {
		return Http.post(ingress.uri("/v1/queries"),
				"{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 1}, \"timeoutMs\": " + timeoutMs + "}");
	}

}
