package dev.sluice.client;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.sluice.client.StubServer.heldFor;
import static dev.sluice.client.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SluiceClientTests {

	private final ManualTime time = new ManualTime();

	private StubServer stub;

	private SluiceClient sluice;

	@BeforeEach
	void start() throws IOException {
		this.stub = StubServer.start();
		this.sluice = client(this.stub.url()).build();
	}

	@AfterEach
	void stop() {
		this.sluice.close();
		this.stub.close();
	}

	private SluiceClient.Builder client(URI url) {
		return SluiceClient.builder(url)
			.retryPolicy(RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofSeconds(30)))
			.clock(this.time)
			.pauses(this.time);
	}

	@Test
	void submitReturnsTheQueuedStatusOfThe202() {
		this.stub.on("POST", "/v1/queries", json(202, Documents.queued(), "Location", Documents.PATH));

		QueryHandle handle = this.sluice.submit("customer_orders", Map.of("customerId", 42, "limit", 3));

		assertThat(handle.id()).isEqualTo(Documents.ID);
		QueryStatus status = handle.status();
		assertThat(status.state()).isEqualTo(QueryState.QUEUED);
		assertThat(status.isTerminal()).isFalse();
		assertThat(status.query()).isEqualTo("customer_orders");
		assertThat(status.submittedAt()).isEqualTo(Instant.parse("2026-11-23T09:07:39.907Z"));
		assertThat(status.expectedStartAt()).contains(Instant.parse("2026-11-23T09:07:40.112Z"));
		assertThat(status.startedAt()).isEmpty();
		assertThat(status.cache()).isEmpty();
		assertThat(status.error()).isEmpty();
	}

	@Test
	void submitPostsTheQueryItsParamsAndAnIdempotencyKey() {
		this.stub.on("POST", "/v1/queries", json(202, Documents.queued()));

		this.sluice.submit("customer_orders", Map.of("customerId", 42, "since", LocalDate.parse("2026-11-22")));

		StubServer.Recorded request = this.stub.requests().get(0);
		assertThat(request.header("Content-Type")).isEqualTo("application/json");
		assertThat(request.header("Accept")).contains("application/json").contains("application/problem+json");
		assertThat(request.header("Prefer")).isNull();
		assertThat(request.header("Authorization")).isNull();
		assertThat(request.header("Idempotency-Key")).matches("[0-9a-f-]{36}");
		JsonNode body = Json.MAPPER.readTree(request.body());
		assertThat(body.get("query").stringValue()).isEqualTo("customer_orders");
		assertThat(body.get("params").get("customerId").longValue()).isEqualTo(42);
		assertThat(body.get("params").get("since").stringValue()).isEqualTo("2026-11-22");
		assertThat(body.has("timeoutMs")).isFalse();
	}

	@Test
	void eachSubmissionHasAKeyOfItsOwn() {
		this.stub.on("POST", "/v1/queries", json(202, Documents.queued()));

		this.sluice.submit("customer_orders", Map.of("customerId", 42));
		this.sluice.submit("customer_orders", Map.of("customerId", 42));

		List<StubServer.Recorded> requests = this.stub.requests();
		assertThat(requests.get(0).header("Idempotency-Key")).isNotEqualTo(requests.get(1).header("Idempotency-Key"));
	}

	@Test
	void submitOptionsSendTimeoutMsAndTheGivenKey() {
		this.stub.on("POST", "/v1/queries", json(202, Documents.queued()));

		this.sluice.submit("customer_orders", Map.of("customerId", 42),
				SubmitOptions.defaults().withTimeout(Duration.ofSeconds(5)).withIdempotencyKey("order-42"));

		StubServer.Recorded request = this.stub.requests().get(0);
		assertThat(request.header("Idempotency-Key")).isEqualTo("order-42");
		assertThat(Json.MAPPER.readTree(request.body()).get("timeoutMs").longValue()).isEqualTo(5000);
	}

	@Test
	void apiKeyTravelsAsBearerToken() {
		this.stub.on("POST", "/v1/queries", json(202, Documents.queued()));
		try (SluiceClient keyed = client(this.stub.url()).apiKey("sk-test-123").build()) {
			keyed.submit("customer_orders", Map.of("customerId", 42));
		}

		assertThat(this.stub.requests().get(0).header("Authorization")).isEqualTo("Bearer sk-test-123");
	}

	@Test
	void pathOfTheBaseUrlIsKept() {
		this.stub.on("POST", "/sluice/v1/queries", json(202, Documents.queued()));
		try (SluiceClient behindGateway = client(this.stub.url().resolve("/sluice")).build()) {
			behindGateway.submit("customer_orders", Map.of("customerId", 42));
		}

		assertThat(this.stub.requests()).extracting(StubServer.Recorded::path).containsExactly("/sluice/v1/queries");
	}

	@Test
	void runReturnsTheResultOfASubmissionThatEndedWithinItsWait() {
		this.stub.on("POST", "/v1/queries", json(200, Documents.succeeded(), "Preference-Applied", "wait=10"));

		QueryStatus status = this.sluice.run("customer_orders", Map.of("customerId", 42), Duration.ofSeconds(10));

		assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(status.rows()).hasSize(3);
		assertThat(this.stub.requests()).hasSize(1);
		assertThat(this.stub.requests().get(0).header("Prefer")).isEqualTo("wait=10");
	}

	@Test
	void runLongPollsWhenTheSubmissionsWaitRanOut() {
		this.stub.on("POST", "/v1/queries", heldFor(this.time, 202, Documents.queued()));
		this.stub.on("GET", Documents.PATH, heldFor(this.time, 200, Documents.running()),
				json(200, Documents.succeeded(), "Preference-Applied", "wait=5"));

		QueryStatus status = this.sluice.run("customer_orders", Map.of("customerId", 42), Duration.ofSeconds(75));

		assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(status.rows().get(0)).containsExactly(9868L, 39442L, "delivered",
				OffsetDateTime.parse("2025-12-22T08:04:24.311286Z"));
		assertThat(this.stub.requests()).extracting((request) -> request.method() + " " + request.header("Prefer"))
			.containsExactly("POST wait=30", "GET wait=30", "GET wait=15");
	}

	@Test
	void runReturnsTheLastStatusSeenWhenTheTimeRunsOut() {
		this.stub.on("POST", "/v1/queries", heldFor(this.time, 202, Documents.queued()));

		QueryStatus status = this.sluice.run("customer_orders", Map.of("customerId", 42), Duration.ofSeconds(12));

		assertThat(status.state()).isEqualTo(QueryState.QUEUED);
		assertThat(this.stub.requests()).extracting((request) -> request.method() + " " + request.header("Prefer"))
			.containsExactly("POST wait=12");
		assertThatIllegalStateException().isThrownBy(status::rows).withMessageContaining("is QUEUED");
	}

	@Test
	void attachReadsTheCurrentStatus() {
		this.stub.on("GET", Documents.PATH, json(200, Documents.running(), "Retry-After", "1"));

		QueryHandle handle = this.sluice.attach(Documents.ID);

		assertThat(handle.status().state()).isEqualTo(QueryState.RUNNING);
		assertThat(handle.status().startedAt()).contains(Instant.parse("2026-11-23T09:07:39.921Z"));
	}

	@Test
	void paramsThatAreNotJsonAreRefusedBeforeAnyCall() {
		List<Object> loop = new ArrayList<>();
		loop.add(loop);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.sluice.submit("customer_orders", Map.of("customerId", loop)))
			.withMessageContaining("'customer_orders'");
		assertThat(this.stub.requests()).isEmpty();
	}

	@Test
	void builderRefusesAConnectTimeoutForAGivenHttpClient() {
		SluiceClient.Builder builder = SluiceClient.builder(this.stub.url())
			.httpClient(HttpClient.newHttpClient())
			.connectTimeout(Duration.ofSeconds(1));

		assertThatIllegalStateException().isThrownBy(builder::build).withMessageContaining("connectTimeout");
	}

	@Test
	void builderRefusesABaseUrlThatIsNotHttp() {
		assertThatIllegalArgumentException().isThrownBy(() -> SluiceClient.builder(URI.create("ftp://host/")))
			.withMessageContaining("baseUrl");
		assertThatIllegalArgumentException().isThrownBy(() -> SluiceClient.builder(URI.create("/v1")))
			.withMessageContaining("baseUrl");
		assertThatIllegalArgumentException().isThrownBy(() -> SluiceClient.builder(URI.create("http://host/?debug=1")))
			.withMessageContaining("query");
	}

	@Test
	void submitOptionsRefuseWhatTheServerWould() {
		assertThatIllegalArgumentException().isThrownBy(() -> SubmitOptions.defaults().withTimeout(Duration.ZERO))
			.withMessageContaining("timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SubmitOptions.defaults().withIdempotencyKey("k".repeat(256)))
			.withMessageContaining("255");
		assertThatIllegalArgumentException().isThrownBy(() -> SubmitOptions.defaults().withIdempotencyKey("a\nb"))
			.withMessageContaining("printable");
	}

	@Test
	void paramsAreWrittenInTheFormsTheCatalogAccepts() {
		this.stub.on("POST", "/v1/queries", json(202, Documents.queued()));

		this.sluice.submit("top_products",
				Map.of("above", new BigDecimal("1234.50"), "since", OffsetDateTime.parse("2025-12-01T00:00:00Z"),
						"until", Instant.parse("2025-12-31T23:59:59.5Z"), "day", LocalDate.parse("2025-12-24")));

		JsonNode params = Json.MAPPER.readTree(this.stub.requests().get(0).body()).get("params");
		assertThat(params.get("above").decimalValue()).isEqualByComparingTo("1234.50");
		assertThat(params.get("above").toString()).isEqualTo("1234.50");
		assertThat(params.get("since").stringValue()).isEqualTo("2025-12-01T00:00:00Z");
		assertThat(params.get("until").stringValue()).isEqualTo("2025-12-31T23:59:59.500Z");
		assertThat(params.get("day").stringValue()).isEqualTo("2025-12-24");
	}

}
