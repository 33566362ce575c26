package dev.sluice.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.sluice.client.StubServer.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProblemsTests {

	private StubServer stub;

	private SluiceClient sluice;

	@BeforeEach
	void start() throws IOException {
		this.stub = StubServer.start();
		this.sluice = SluiceClient.builder(this.stub.url()).retryPolicy(RetryPolicy.none()).build();
	}

	@AfterEach
	void stop() {
		this.sluice.close();
		this.stub.close();
	}

	@Test
	void invalidSubmissionBecomesAnExceptionWithItsFieldErrors() {
		this.stub.on("POST", "/v1/queries", problem(400, """
				{"detail":"The submission was not queued: 2 fields are invalid; see errors","instance":"/v1/queries",
				 "status":400,"title":"Invalid submission","type":"urn:sluice:problem:invalid-submission",
				 "errors":[{"field":"params.customerId","message":"must be at least 1"},
				           {"field":"params.limit","message":"must be an integer"}]}"""));

		assertThatExceptionOfType(SluiceProblemException.class)
			.isThrownBy(() -> this.sluice.submit("customer_orders", Map.of("customerId", 0, "limit", "ten")))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(400);
				assertThat(ex.type()).isEqualTo(URI.create("urn:sluice:problem:invalid-submission"));
				assertThat(ex.title()).isEqualTo("Invalid submission");
				assertThat(ex.detail()).contains("The submission was not queued: 2 fields are invalid; see errors");
				assertThat(ex.instance()).contains(URI.create("/v1/queries"));
				assertThat(ex.errors()).containsExactly(new FieldError("params.customerId", "must be at least 1"),
						new FieldError("params.limit", "must be an integer"));
				assertThat(ex.retryAfter()).isEmpty();
			})
			.withMessage("Submitting 'customer_orders' failed: 400 Invalid submission: The submission was not queued:"
					+ " 2 fields are invalid; see errors [params.customerId must be at least 1; params.limit must be an"
					+ " integer]");
	}

	@Test
	void errorWithoutAProblemDocumentKeepsItsStatus() {
		this.stub.on("POST", "/v1/queries",
				(exchange, request) -> StubServer.respond(exchange, 502, "text/html", "<html>Bad gateway</html>"));

		assertThatExceptionOfType(SluiceProblemException.class)
			.isThrownBy(() -> this.sluice.submit("customer_orders", Map.of("customerId", 42)))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(502);
				assertThat(ex.type()).hasToString("about:blank");
				assertThat(ex.title()).isEqualTo("HTTP 502");
				assertThat(ex.detail()).isEmpty();
				assertThat(ex.errors()).isEmpty();
			});
	}

	@Test
	void kafkaUnavailableCarriesItsRetryAfter() {
		this.stub.on("POST", "/v1/queries", problem(503, """
				{"type":"urn:sluice:problem:kafka-unavailable","title":"Kafka unavailable","status":503}""",
				"Retry-After", "5"));

		assertThatExceptionOfType(SluiceProblemException.class)
			.isThrownBy(() -> this.sluice.submit("customer_orders", Map.of("customerId", 42)))
			.satisfies((ex) -> assertThat(ex.retryAfter()).contains(Duration.ofSeconds(5)));
	}

}
