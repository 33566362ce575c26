package dev.sluice.ingress.cancel;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import dev.sluice.contract.QueryCancelRequested;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.IngressFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code DELETE /v1/queries/{id}} through one ingress on a real broker, with the test
 * playing the worker.
 */
@ExtendWith(IngressFixture.Shared.class)
class CancelIT {

	private final IngressFixture fixture;

	CancelIT(IngressFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void cancelOfAQueuedQueryEndsItCanceledAndTellsTheWorkers() {
		String id = this.fixture.submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 13}}");

		HttpResponse<String> response = Http.delete(this.fixture.uri("/v1/queries/" + id));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(Http.json(response).get("state").stringValue()).isEqualTo("CANCELED");
		assertThat(Http.json(response).get("error").get("code").stringValue()).isEqualTo("CANCELED");
		assertThat(this.fixture.cancels().awaitRecord(id, QueryCancelRequested.class).key()).isEqualTo(id);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.fixture.results()
				.all(id, QueryStatus.class)
				.stream()
				.anyMatch((record) -> record.value().state() == QueryState.CANCELED));
	}

	@Test
	void cancelOfARunningQueryOnlyRequestsIt() {
		String id = this.fixture.submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 14}}");
		QueryStatus running = this.fixture.results().awaitRecord(id, QueryStatus.class).value().running(Instant.now());
		this.fixture.results().publish(running);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Http.json(Http.get(this.fixture.uri("/v1/queries/" + id))).get("state").stringValue(),
					"RUNNING"::equals);

		HttpResponse<String> response = Http.delete(this.fixture.uri("/v1/queries/" + id));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(Http.json(response).get("state").stringValue()).isEqualTo("RUNNING");
		assertThat(this.fixture.cancels().awaitRecord(id, QueryCancelRequested.class).value().id()).isEqualTo(id);
	}

	@Test
	void cancelOfAnEndedQueryIsAConflict() {
		String id = this.fixture.submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 15}}");
		this.fixture.results().succeed(this.fixture.results().awaitRecord(id, QueryStatus.class).value());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Http.json(Http.get(this.fixture.uri("/v1/queries/" + id))).get("state").stringValue(),
					"SUCCEEDED"::equals);

		HttpResponse<String> response = Http.delete(this.fixture.uri("/v1/queries/" + id));

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(Http.json(response).get("type").stringValue()).isEqualTo("urn:sluice:problem:query-already-ended");
		assertThat(Http.delete(this.fixture.uri("/v1/queries/q_01JD7Q8M3K0000000000000002")).statusCode())
			.isEqualTo(404);
	}

}
