package dev.sluice.ingress;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.Topics;
import dev.sluice.devstack.KafkaBroker;
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

		try (RunningIngress after = RunningIngress.start(broker.bootstrapServers())) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> Http.get(after.uri("/actuator/health/readiness")).statusCode() == 200);

			HttpResponse<String> response = Http.get(after.uri("/v1/queries/" + id));

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(Http.json(response).get("state").stringValue()).isEqualTo("SUCCEEDED");
			assertThat(Http.json(response).get("result").get("rowCount").intValue()).isEqualTo(1);
		}
	}

}
