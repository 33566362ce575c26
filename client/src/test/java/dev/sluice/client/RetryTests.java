package dev.sluice.client;

import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.sluice.client.StubServer.dropConnection;
import static dev.sluice.client.StubServer.json;
import static dev.sluice.client.StubServer.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RetryTests {

	private static final String QUEUE_FULL = """
			{"type":"urn:sluice:problem:queue-full","title":"Queue full","status":503,
			 "detail":"Not queued: 1000 queries wait. Retry after %d s.","instance":"/v1/queries"}""";

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

	private QueryHandle submit() {
		return this.sluice.submit("customer_orders", Map.of("customerId", 42));
	}

	@Test
	void queueFullIsRetriedAfterRetryAfterWithTheSameIdempotencyKey() {
		this.stub.on("POST", "/v1/queries", problem(503, QUEUE_FULL.formatted(7), "Retry-After", "7"),
				json(202, Documents.queued()));

		QueryHandle handle = submit();

		assertThat(handle.status().state()).isEqualTo(QueryState.QUEUED);
		assertThat(this.stub.requests()).hasSize(2)
			.extracting((request) -> request.header("Idempotency-Key"))
			.doesNotContainNull()
			.containsOnly(this.stub.requests().get(0).header("Idempotency-Key"));
		assertThat(this.time.pauses()).singleElement()
			.satisfies((pause) -> assertThat(pause).isBetween(Duration.ofSeconds(7), Duration.ofMillis(7700)));
	}

	@Test
	void retryAfterMayBeAnHttpDate() {
		String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ManualTime.START.plusSeconds(3).atOffset(ZoneOffset.UTC));
		this.stub.on("POST", "/v1/queries", problem(503, QUEUE_FULL.formatted(3), "Retry-After", inThreeSeconds),
				json(202, Documents.queued()));

		submit();

		assertThat(this.time.pauses()).singleElement()
			.satisfies((pause) -> assertThat(pause).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3300)));
	}

	@Test
	void tooManyRequestsWaitsForTheExhaustedPolicysWindow() {
		this.stub.on("POST", "/v1/queries",
				problem(429, "{\"title\":\"Too many requests\",\"status\":429}", "RateLimit-Policy",
						"\"burst\";q=100;w=60, \"daily\";q=1000;w=86400", "RateLimit", "\"burst\";r=0;t=12",
						"RateLimit", "\"daily\";r=500;t=3600"),
				json(202, Documents.queued()));

		submit();

		assertThat(this.stub.requests()).hasSize(2);
		assertThat(this.time.pauses()).singleElement()
			.satisfies((pause) -> assertThat(pause).isBetween(Duration.ofSeconds(12), Duration.ofMillis(13_000)));
	}

	@Test
	void exhaustedPolicyWithoutEffectiveWindowWaitsForThePolicysWindow() {
		this.stub.on("POST", "/v1/queries", problem(429, "{\"status\":429}", "RateLimit-Policy", "\"burst\";q=100;w=20",
				"RateLimit", "\"burst\";r=0"), json(202, Documents.queued()));

		submit();

		assertThat(this.time.pauses()).singleElement()
			.satisfies((pause) -> assertThat(pause).isBetween(Duration.ofSeconds(20), Duration.ofMillis(21_000)));
	}

	@Test
	void retryAfterTakesPrecedenceOverRateLimit() {
		this.stub.on("POST", "/v1/queries",
				problem(429, "{\"status\":429}", "Retry-After", "2", "RateLimit", "\"burst\";r=0;t=12"),
				json(202, Documents.queued()));

		submit();

		assertThat(this.time.pauses()).singleElement()
			.satisfies((pause) -> assertThat(pause).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2200)));
	}

	@Test
	void exhaustedQuotaOnASuccessHoldsBackTheNextCall() {
		this.stub.on("POST", "/v1/queries", json(202, Documents.queued(), "RateLimit", "\"default\";r=0;t=5"));
		this.stub.on("GET", Documents.PATH, json(200, Documents.succeeded(), "RateLimit", "\"default\";r=99;t=60"));
		QueryHandle handle = submit();
		assertThat(this.time.pauses()).isEmpty();

		handle.await(Duration.ofSeconds(30));

		assertThat(this.time.pauses()).singleElement()
			.satisfies((pause) -> assertThat(pause).isBetween(Duration.ofSeconds(5), Duration.ofMillis(5500)));
	}

	@Test
	void retriesStopAtMaxAttempts() {
		this.stub.on("POST", "/v1/queries", problem(503, QUEUE_FULL.formatted(1), "Retry-After", "1"));

		assertThatExceptionOfType(SluiceProblemException.class).isThrownBy(this::submit).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(503);
			assertThat(ex.type()).hasToString("urn:sluice:problem:queue-full");
			assertThat(ex.retryAfter()).contains(Duration.ofSeconds(1));
		})
			.withMessageContaining(
					"Submitting 'customer_orders' failed after 3 attempts (the retry policy's maxAttempts)");
		assertThat(this.stub.requests()).hasSize(3);
		assertThat(this.time.pauses()).hasSize(2);
	}

	@Test
	void waitLongerThanMaxBackoffFailsAtOnceRatherThanRetryEarly() {
		this.stub.on("POST", "/v1/queries", problem(503, QUEUE_FULL.formatted(120), "Retry-After", "120"));

		assertThatExceptionOfType(SluiceProblemException.class).isThrownBy(this::submit)
			.satisfies((ex) -> assertThat(ex.retryAfter()).contains(Duration.ofSeconds(120)))
			.withMessageContaining("the server asks to wait 120000 ms, longer than the retry policy's maxBackoff");
		assertThat(this.stub.requests()).hasSize(1);
		assertThat(this.time.pauses()).isEmpty();
	}

	@Test
	void runDoesNotRetryPastItsTimeout() {
		this.stub.on("POST", "/v1/queries", problem(503, QUEUE_FULL.formatted(8), "Retry-After", "8"));

		assertThatExceptionOfType(SluiceProblemException.class)
			.isThrownBy(() -> this.sluice.run("customer_orders", Map.of("customerId", 42), Duration.ofSeconds(5)))
			.withMessageContaining("deadline");
		assertThat(this.stub.requests()).hasSize(1);
	}

	@Test
	void lostConnectionIsRetriedWithTheSameIdempotencyKey() {
		this.stub.on("POST", "/v1/queries", dropConnection(), json(202, Documents.queued()));

		submit();

		assertThat(this.stub.requests()).hasSize(2)
			.extracting((request) -> request.header("Idempotency-Key"))
			.containsOnly(this.stub.requests().get(0).header("Idempotency-Key"));
		assertThat(this.time.pauses()).singleElement()
			.satisfies((pause) -> assertThat(pause).isBetween(Duration.ofMillis(5), Duration.ofMillis(10)));
	}

	@Test
	void connectionThatKeepsFailingEndsInASluiceException() {
		this.stub.on("POST", "/v1/queries", dropConnection());

		assertThatExceptionOfType(SluiceException.class).isThrownBy(this::submit)
			.isNotInstanceOf(SluiceProblemException.class)
			.withMessageContaining("failed after 3 attempts")
			.withCauseInstanceOf(IOException.class);
		assertThat(this.stub.requests()).hasSize(3);
	}

	@Test
	void clientErrorsAreNotRetried() {
		this.stub.on("POST", "/v1/queries", problem(422, """
				{"type":"urn:sluice:problem:idempotency-key-reused","title":"Idempotency key reused","status":422}"""));

		assertThatExceptionOfType(SluiceProblemException.class).isThrownBy(this::submit)
			.satisfies((ex) -> assertThat(ex.status()).isEqualTo(422));
		assertThat(this.stub.requests()).hasSize(1);
		assertThat(this.time.pauses()).isEmpty();
	}

}
