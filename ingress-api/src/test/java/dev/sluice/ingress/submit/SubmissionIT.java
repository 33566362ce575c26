package dev.sluice.ingress.submit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.RoutingKey;
import dev.sluice.ingress.QueryIds;
import dev.sluice.ingress.support.FakeWorker;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.IngressFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /v1/queries} through one ingress on a real broker, with the test playing
 * the worker: what is queued, the answer with and without {@code Prefer: wait}, the
 * {@code Idempotency-Key}, and the refusal of invalid submissions.
 */
@ExtendWith(IngressFixture.Shared.class)
class SubmissionIT {

	private final IngressFixture fixture;

	SubmissionIT(IngressFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void submissionIsQueuedWithRoutingKeyAndDeadlineBeforeTheAnswer() {
		Instant before = Instant.now().minusMillis(1);
		HttpResponse<String> response = Http.post(this.fixture.uri("/v1/queries"),
				"{\"query\": \"customer_orders\", \"params\": {\"customerId\": 42}, \"timeoutMs\": 10000}");

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode body = Http.json(response);
		String id = body.get("id").stringValue();
		assertThat(id).matches("q_[0-9A-HJKMNP-TV-Z]{26}");
		assertThat(response.headers().firstValue("Location")).hasValue("/v1/queries/" + id);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(body.get("state").stringValue()).isEqualTo("QUEUED");
		assertThat(body.get("query").stringValue()).isEqualTo("customer_orders");
		assertThat(Instant.parse(body.get("submittedAt").stringValue())).isAfter(before);

		FakeWorker.Received<QuerySubmitted> queued = this.fixture.queries().awaitRecord(id, QuerySubmitted.class);
		assertThat(queued.value().params()).containsEntry("customerId", 42).containsEntry("limit", 20);
		assertThat(queued.key()).isEqualTo(RoutingKey.of("customer_orders", queued.value().params()));
		assertThat(Duration.between(queued.value().submittedAt(), queued.value().deadline()))
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(this.fixture.results().awaitRecord(id, QueryStatus.class).value().state())
			.isEqualTo(QueryState.QUEUED);
	}

	@Test
	void deadlineDefaultsToAndIsCappedByTheCatalogQueueTimeout() {
		String defaulted = this.fixture.submit("{\"query\": \"customer_orders\", \"params\": {\"customerId\": 1}}");
		String capped = this.fixture
			.submit("{\"query\": \"customer_orders\", \"params\": {\"customerId\": 2}, \"timeoutMs\": 999999999}");

		for (String id : List.of(defaulted, capped)) {
			QuerySubmitted submitted = this.fixture.queries().awaitRecord(id, QuerySubmitted.class).value();
			assertThat(Duration.between(submitted.submittedAt(), submitted.deadline()))
				.isEqualTo(Duration.ofSeconds(30));
		}
	}

	@Test
	void preferWaitAnswersOkWhenTheWorkerFinishesInTime() throws Exception {
		CompletableFuture<HttpResponse<String>> response = Http.client()
			.sendAsync(Http
				.request(this.fixture.uri("/v1/queries"), "Prefer", "wait=10", "Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers
					.ofString("{\"query\": \"order_details\", \"params\": {\"orderId\": 5}}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		QuerySubmitted submitted = this.fixture.queries()
			.awaitMatching(QuerySubmitted.class, (candidate) -> candidate.query().equals("order_details")
					&& candidate.params().get("orderId").equals(5));
		this.fixture.results().succeed(this.fixture.results().awaitRecord(submitted.id(), QueryStatus.class).value());

		HttpResponse<String> answer = response.get(15, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(Http.json(answer).get("state").stringValue()).isEqualTo("SUCCEEDED");
		assertThat(answer.headers().firstValue("Preference-Applied")).hasValue("wait=10");
		assertThat(answer.headers().firstValue("Location")).hasValue("/v1/queries/" + submitted.id());
	}

	@Test
	void preferWaitAnswersAcceptedWhenTheWaitRunsOut() {
		CompletableFuture<HttpResponse<String>> answer = CompletableFuture
			.supplyAsync(() -> Http.post(this.fixture.uri("/v1/queries"),
					"{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 8}}", "Prefer", "wait=1"));

		// Held for the 1-s wait, then answered although no worker took the query.
		await("the submission held").during(Duration.ofMillis(900))
			.atMost(Duration.ofSeconds(2))
			.until(() -> !answer.isDone());
		await("the answer").atMost(Duration.ofSeconds(8)).until(answer::isDone);
		HttpResponse<String> response = answer.join();
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(Http.json(response).get("state").stringValue()).isEqualTo("QUEUED");
		// The client waited already: it may ask again at once.
		assertThat(response.headers().firstValue("Retry-After")).isEmpty();
		assertThat(response.headers().firstValue("Preference-Applied")).hasValue("wait=1");
	}

	@Test
	void idempotencyKeyReturnsTheSameIdAndQueuesOnce() {
		String body = "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 16}}";
		HttpResponse<String> first = Http.post(this.fixture.uri("/v1/queries"), body, "Idempotency-Key", "order-16");
		HttpResponse<String> second = Http.post(this.fixture.uri("/v1/queries"), body, "Idempotency-Key", "order-16");

		String id = Http.json(first).get("id").stringValue();
		assertThat(id).isEqualTo(QueryIds.forIdempotencyKey("order-16"));
		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(second.statusCode()).isEqualTo(202);
		assertThat(Http.json(second).get("id").stringValue()).isEqualTo(id);
		assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		this.fixture.queries().awaitRecord(id, QuerySubmitted.class);
		assertThat(this.fixture.queries().all(id, QuerySubmitted.class)).hasSize(1);

		HttpResponse<String> otherQuery = Http.post(this.fixture.uri("/v1/queries"),
				"{\"query\": \"order_details\", \"params\": {\"orderId\": 16}}", "Idempotency-Key", "order-16");
		assertThat(otherQuery.statusCode()).isEqualTo(422);
	}

	@Test
	void concurrentSubmissionsWithOneIdempotencyKeyQueueOnce() throws Exception {
		String body = "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 17}}";
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			responses.add(Http.client()
				.sendAsync(Http
					.request(this.fixture.uri("/v1/queries"), "Idempotency-Key", "burst-17", "Content-Type",
							"application/json")
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString()));
		}
		String id = QueryIds.forIdempotencyKey("burst-17");
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			HttpResponse<String> answer = response.get(20, TimeUnit.SECONDS);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
			assertThat(Http.json(answer).get("id").stringValue()).isEqualTo(id);
		}
		assertThat(responses)
			.filteredOn((response) -> response.join().headers().firstValue("Idempotent-Replayed").isEmpty())
			.hasSize(1);
		this.fixture.queries().awaitRecord(id, QuerySubmitted.class);
		assertThat(this.fixture.queries().all(id, QuerySubmitted.class)).hasSize(1);
	}

	@Test
	void everyInvalidFieldIsNamedInABadRequestProblem() {
		String[][] cases = { { "{\"query\": \"nope\"}", "query" }, { "{\"params\": {}}", "query" },
				{ "{\"query\": \"customer_orders\", \"params\": {}}", "params.customerId" },
				{ "{\"query\": \"customer_orders\", \"params\": {\"customerId\": 1, \"x\": 1}}", "params.x" },
				{ "{\"query\": \"customer_orders\", \"params\": {\"customerId\": \"a\"}}", "params.customerId" },
				{ "{\"query\": \"customer_orders\", \"params\": {\"customerId\": 1, \"limit\": 501}}", "params.limit" },
				{ "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 1}, \"timeoutMs\": 0}", "timeoutMs" },
				{ "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 1}, \"sql\": \"x\"}", "sql" },
				{ "{\"query\": ", "body" }, { "[1]", "body" } };
		for (String[] invalid : cases) {
			HttpResponse<String> response = Http.post(this.fixture.uri("/v1/queries"), invalid[0]);
			assertThat(response.statusCode()).as(invalid[0]).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = Http.json(response);
			assertThat(problem.get("type").stringValue()).isEqualTo("urn:sluice:problem:invalid-submission");
			assertThat(problem.get("status").intValue()).isEqualTo(400);
			assertThat(problem.get("errors").valueStream().map((error) -> error.get("field").stringValue()))
				.as(invalid[0])
				.contains(invalid[1]);
		}
	}

}
