package dev.sluice.ingress.query;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.sluice.contract.QueryStatus;
import dev.sluice.ingress.support.AsyncStarts;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.IngressFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /v1/queries/{id}} through one ingress on a real broker, with the test
 * playing the worker: the status at once, or with {@code Prefer: wait} once the query
 * ends (a long-poll).
 */
@ExtendWith(IngressFixture.Shared.class)
class StatusIT {

	private final IngressFixture fixture;

	StatusIT(IngressFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void statusIsReadableAndCarriesRetryAfterUntilTerminal() {
		String id = this.fixture.submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 7}}");
		HttpResponse<String> queued = Http.get(this.fixture.uri("/v1/queries/" + id));
		assertThat(queued.statusCode()).isEqualTo(200);
		assertThat(Http.json(queued).get("state").stringValue()).isEqualTo("QUEUED");
		assertThat(queued.headers().firstValue("Retry-After")).hasValue("1");

		this.fixture.results().succeed(this.fixture.results().awaitRecord(id, QueryStatus.class).value());

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<String> done = Http.get(this.fixture.uri("/v1/queries/" + id));
			assertThat(Http.json(done).get("state").stringValue()).isEqualTo("SUCCEEDED");
			assertThat(Http.json(done).get("result").get("rows").get(0).get(0).intValue()).isEqualTo(42);
			assertThat(done.headers().firstValue("Retry-After")).isEmpty();
		});
	}

	@Test
	void unknownAndMalformedIdsAreNotFoundProblems() {
		for (String id : List.of("q_01JD7Q8M3K0000000000000000", "nope")) {
			HttpResponse<String> response = Http.get(this.fixture.uri("/v1/queries/" + id));
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(Http.json(response).get("type").stringValue()).isEqualTo("urn:sluice:problem:query-not-found");
		}
	}

	@Test
	void longPollReturnsAsSoonAsTheQueryEnds() throws Exception {
		String id = this.fixture.submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 9}}");
		CompletableFuture<HttpResponse<String>> poll = Http.client()
			.sendAsync(Http.request(this.fixture.uri("/v1/queries/" + id), "Prefer", "wait=20").GET().build(),
					HttpResponse.BodyHandlers.ofString());
		QueryStatus queued = this.fixture.results().awaitRecord(id, QueryStatus.class).value();
		assertThat(poll).isNotDone();

		this.fixture.results().succeed(queued);
		await("the held poll answered").atMost(Duration.ofSeconds(5)).until(poll::isDone);
		HttpResponse<String> answer = poll.join();

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(Http.json(answer).get("state").stringValue()).isEqualTo("SUCCEEDED");
	}

	@Test
	void longPollAnswersTheCurrentStateWhenTheWaitRunsOut() {
		String id = this.fixture.submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 10}}");

		HttpResponse<String> answer = Http.get(this.fixture.uri("/v1/queries/" + id), "Prefer", "wait=1");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(Http.json(answer).get("state").stringValue()).isEqualTo("QUEUED");
		assertThat(answer.headers().firstValue("Preference-Applied")).hasValue("wait=1");
		// The client waited already: it may ask again at once.
		assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
	}

	@Test
	void readyAnswersAreWrittenWithoutAnAsyncDispatch() {
		HttpResponse<String> submitted = Http.post(this.fixture.uri("/v1/queries"),
				"{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 18}}", AsyncStarts.HEADER, "plain-post");
		String id = Http.json(submitted).get("id").stringValue();
		HttpResponse<String> polled = Http.get(this.fixture.uri("/v1/queries/" + id), AsyncStarts.HEADER, "plain-get");
		HttpResponse<String> longPolled = Http.get(this.fixture.uri("/v1/queries/" + id), AsyncStarts.HEADER,
				"long-poll", "Prefer", "wait=1");

		assertThat(submitted.statusCode()).isEqualTo(202);
		assertThat(submitted.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(polled.statusCode()).isEqualTo(200);
		assertThat(polled.body()).isEqualTo(submitted.body());
		assertThat(AsyncStarts.started("plain-post")).isFalse();
		assertThat(AsyncStarts.started("plain-get")).isFalse();
		// The probe does see a request that had to wait.
		assertThat(longPolled.statusCode()).isEqualTo(200);
		assertThat(AsyncStarts.started("long-poll")).isTrue();
	}

}
