package dev.sluice.ingress.view;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.Topics;
import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.ingress.support.FakeWorker;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.RunningIngress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several ingress replicas on one broker: any replica answers for any id, and a restarted
 * replica rebuilds what it knew from the results topic.
 */
class ReplicasIT {

	private static KafkaBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = KafkaBroker.temporary().start();
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void acceptedQueryIsImmediatelyReadableOnAnotherReplica() {
		try (RunningIngress first = RunningIngress.start(broker.bootstrapServers());
				RunningIngress second = RunningIngress.start(broker.bootstrapServers())) {
			for (int i = 0; i < 5; i++) {
				HttpResponse<String> accepted = Http.post(first.uri("/v1/queries"),
						"{\"query\": \"customer_by_id\", \"params\": {\"customerId\": " + (100 + i) + "}}");
				assertThat(accepted.statusCode()).isEqualTo(202);
				String location = accepted.headers().firstValue("Location").orElseThrow();

				HttpResponse<String> elsewhere = Http.get(second.uri(location));

				assertThat(elsewhere.statusCode()).as(location).isEqualTo(200);
				assertThat(Http.json(elsewhere).get("id").stringValue())
					.isEqualTo(Http.json(accepted).get("id").stringValue());
			}
			HttpResponse<String> replayed = Http.post(first.uri("/v1/queries"),
					"{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 1}}", "Idempotency-Key", "k-1");
			HttpResponse<String> replayedElsewhere = Http.post(second.uri("/v1/queries"),
					"{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 1}}", "Idempotency-Key", "k-1");
			assertThat(replayedElsewhere.headers().firstValue("Idempotent-Replayed")).hasValue("true");
			assertThat(Http.json(replayedElsewhere).get("id").stringValue())
				.isEqualTo(Http.json(replayed).get("id").stringValue());
		}
	}

	@Test
	void shutdownEndsOpenEventStreamsCleanly() throws Exception {
		RunningIngress replica = RunningIngress.start(broker.bootstrapServers());
		try {
			HttpResponse<String> accepted = Http.post(replica.uri("/v1/queries"),
					"{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 300}}");
			String id = Http.json(accepted).get("id").stringValue();
			HttpResponse<java.io.InputStream> stream = Http.client()
				.send(Http.request(replica.uri("/v1/queries/" + id + "/events")).GET().build(),
						HttpResponse.BodyHandlers.ofInputStream());
			java.util.Queue<String> received = new java.util.concurrent.ConcurrentLinkedQueue<>();
			java.util.concurrent.CompletableFuture<Void> ended = java.util.concurrent.CompletableFuture
				.runAsync(() -> readInto(stream, received));
			await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("event:QUEUED"));

			replica.close();

			// A stream cut off by the server's shutdown timeout fails to read; one ended
			// by the ingress reads to its end.
			ended.get(20, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(received).filteredOn((line) -> line.startsWith("event:")).containsExactly("event:QUEUED");
		}
		finally {
			replica.close();
		}
	}

	@Test
	void restartedReplicaStillAnswersForEarlierQueries() {
		String id;
		try (RunningIngress before = RunningIngress.start(broker.bootstrapServers());
				FakeWorker worker = new FakeWorker(broker.bootstrapServers(), Topics.RESULTS)) {
			HttpResponse<String> accepted = Http.post(before.uri("/v1/queries"),
					"{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 200}}");
			id = Http.json(accepted).get("id").stringValue();
			worker.succeed(worker.awaitRecord(id, QueryStatus.class).value());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> Http.json(Http.get(before.uri("/v1/queries/" + id))).get("state").stringValue(),
						"SUCCEEDED"::equals);
		}

		// No worker here: readiness is about the rebuilt view only.
		try (RunningIngress after = RunningIngress.start(broker.bootstrapServers(),
				"sluice.ingress.readiness.await-workers=false")) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> Http.get(after.uri("/actuator/health/readiness")).statusCode() == 200);

			HttpResponse<String> response = Http.get(after.uri("/v1/queries/" + id));

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(Http.json(response).get("state").stringValue()).isEqualTo("SUCCEEDED");
			assertThat(Http.json(response).get("result").get("rowCount").intValue()).isEqualTo(1);
		}
	}

	private static void readInto(HttpResponse<java.io.InputStream> stream, java.util.Queue<String> lines) {
		try (java.io.BufferedReader reader = new java.io.BufferedReader(
				new java.io.InputStreamReader(stream.body(), java.nio.charset.StandardCharsets.UTF_8))) {
			reader.lines().forEach(lines::add);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
