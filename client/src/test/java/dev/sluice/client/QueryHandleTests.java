package dev.sluice.client;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.sluice.client.StubServer.heldFor;
import static dev.sluice.client.StubServer.json;
import static dev.sluice.client.StubServer.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QueryHandleTests {

	private final ManualTime time = new ManualTime();

	private StubServer stub;

	private SluiceClient sluice;

	@BeforeEach
	void start() throws IOException {
		this.stub = StubServer.start();
		this.sluice = SluiceClient.builder(this.stub.url())
			.retryPolicy(RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofSeconds(30)))
			.clock(this.time)
			.pauses(this.time)
			.build();
	}

	@AfterEach
	void stop() {
		this.sluice.close();
		this.stub.close();
	}

	private QueryHandle submitted() {
		this.stub.on("POST", "/v1/queries", json(202, Documents.queued()));
		return this.sluice.submit("customer_orders", Map.of("customerId", 42));
	}

	@Test
	void awaitLongPollsUntilSucceededAndConvertsTheRows() {
		QueryHandle handle = submitted();
		this.stub.on("GET", Documents.PATH, json(200, Documents.running(), "Preference-Applied", "wait=10"),
				json(200, Documents.succeeded(), "Preference-Applied", "wait=10"));

		QueryStatus status = handle.await(Duration.ofSeconds(10));

		assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(status.cache()).contains(CacheOutcome.MISS);
		assertThat(status.truncated()).isFalse();
		assertThat(status.columns()).extracting(Column::name)
			.containsExactly("id", "total_cents", "status", "created_at");
		assertThat(status.rows()).hasSize(3);
		assertThat(status.rows().get(2).get(0)).isEqualTo(9650L);
		assertThat(status.rows().get(2).get(1)).isNull();
		assertThat(handle.status()).isSameAs(status);
		assertThat(this.stub.requests("GET", Documents.PATH)).extracting((request) -> request.header("Prefer"))
			.containsExactly("wait=10", "wait=10");
	}

	@Test
	void awaitAsksForAtMost30SecondsAPollAndReturnsTheLastStatusWhenTimeRunsOut() {
		QueryHandle handle = submitted();
		this.stub.on("GET", Documents.PATH, heldFor(this.time, 200, Documents.running()));

		QueryStatus status = handle.await(Duration.ofSeconds(45));

		assertThat(status.state()).isEqualTo(QueryState.RUNNING);
		assertThat(this.stub.requests("GET", Documents.PATH)).extracting((request) -> request.header("Prefer"))
			.containsExactly("wait=30", "wait=15");
	}

	@Test
	void awaitPollsNoFasterThanRetryAfterWhenTheServerDoesNotHoldTheRequest() {
		QueryHandle handle = submitted();
		this.stub.on("GET", Documents.PATH, json(200, Documents.running(), "Retry-After", "2"),
				json(200, Documents.succeeded()));

		QueryStatus status = handle.await(Duration.ofSeconds(10));

		assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(this.time.pauses()).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void awaitOfAnEndedQueryMakesNoCall() {
		this.stub.on("POST", "/v1/queries", json(200, Documents.succeeded(), "Preference-Applied", "wait=5"));
		QueryHandle handle = this.sluice.submit("customer_orders", Map.of("customerId", 42));

		assertThat(handle.await(Duration.ofSeconds(5)).state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(this.stub.requests()).hasSize(1);
	}

	@Test
	void awaitOfZeroReadsTheStatusOnceWithoutWaiting() {
		QueryHandle handle = submitted();
		this.stub.on("GET", Documents.PATH, json(200, Documents.running(), "Retry-After", "1"));

		assertThat(handle.await(Duration.ZERO).state()).isEqualTo(QueryState.RUNNING);
		assertThat(this.stub.requests("GET", Documents.PATH)).singleElement()
			.satisfies((request) -> assertThat(request.header("Prefer")).isNull());
	}

	@Test
	void awaitOfAnExpiredStatusIsNotFound() {
		QueryHandle handle = submitted();
		this.stub.on("GET", Documents.PATH, problem(404, """
				{"type":"urn:sluice:problem:query-not-found","title":"Query not found","status":404,
				 "detail":"No query q_01M83TJDR3973957PGTB223RD0 is known here","instance":"%s"}"""
			.formatted(Documents.PATH)));

		assertThatExceptionOfType(SluiceProblemException.class).isThrownBy(() -> handle.await(Duration.ofSeconds(5)))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(404);
				assertThat(ex.type()).hasToString("urn:sluice:problem:query-not-found");
			});
		assertThat(this.stub.requests("GET", Documents.PATH)).hasSize(1);
	}

	@Test
	void cancelDeletesTheQueryAndReturnsItsStatus() {
		QueryHandle handle = submitted();
		this.stub.on("DELETE", Documents.PATH, json(202, Documents.canceled()));

		QueryStatus status = handle.cancel();

		assertThat(status.state()).isEqualTo(QueryState.CANCELED);
		assertThat(status.error()).contains(new QueryError("CANCELED", "Cancelled on request before it started"));
		assertThat(handle.status().state()).isEqualTo(QueryState.CANCELED);
		assertThat(this.stub.requests("DELETE", Documents.PATH)).hasSize(1);
	}

	@Test
	void cancelOfAnEndedQueryIsAConflict() {
		QueryHandle handle = submitted();
		this.stub.on("DELETE", Documents.PATH, problem(409,
				"""
						{"type":"urn:sluice:problem:query-already-ended","title":"Query already ended","status":409,
						 "detail":"Query q_01M83TJDR3973957PGTB223RD0 already ended SUCCEEDED; there is nothing to cancel."}"""));

		assertThatExceptionOfType(SluiceProblemException.class).isThrownBy(handle::cancel)
			.satisfies((ex) -> assertThat(ex.type()).hasToString("urn:sluice:problem:query-already-ended"))
			.withMessageContaining("Cancelling query " + Documents.ID)
			.withMessageContaining("409 Query already ended");
		assertThat(this.stub.requests("DELETE", Documents.PATH)).hasSize(1);
	}

	@Test
	void handleKeepsTheMostAdvancedStatusSeen() {
		QueryHandle handle = submitted();
		this.stub.on("DELETE", Documents.PATH, json(202, Documents.canceled()));
		this.stub.on("GET", Documents.PATH, json(200, Documents.running()));
		handle.cancel();

		assertThat(handle.await(Duration.ZERO).state()).isEqualTo(QueryState.CANCELED);
		assertThat(this.stub.requests("GET", Documents.PATH)).isEmpty();
	}

}
