package dev.sluice.ingress.query;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.IngressFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /v1/queries/{id}/events} through one ingress on a real broker, with the test
 * playing the worker: each state once, in order, and resuming after
 * {@code Last-Event-ID}.
 */
@ExtendWith(IngressFixture.Shared.class)
class EventStreamIT {

	private final IngressFixture fixture;

	EventStreamIT(IngressFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void eventStreamSendsEachStateInOrderAndEndsWithTheTerminalOne() throws Exception {
		String id = this.fixture.submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 11}}");
		HttpResponse<java.io.InputStream> stream = Http.client()
			.send(Http.request(this.fixture.uri("/v1/queries/" + id + "/events"), "Accept", "text/event-stream")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> Http.lines(stream));

		this.fixture.results().succeed(this.fixture.results().awaitRecord(id, QueryStatus.class).value());

		List<String> received = lines.get(15, TimeUnit.SECONDS);
		assertThat(received).filteredOn((line) -> line.startsWith("event:"))
			.containsExactly("event:QUEUED", "event:RUNNING", "event:SUCCEEDED");
		assertThat(received).filteredOn((line) -> line.startsWith("id:"))
			.containsExactly("id:QUEUED", "id:RUNNING", "id:SUCCEEDED");
		List<String> data = received.stream().filter((line) -> line.startsWith("data:")).toList();
		assertThat(data).hasSize(3);
		QueryStatus last = JsonCodec.decode(data.get(2).substring(5).getBytes(StandardCharsets.UTF_8),
				QueryStatus.class);
		assertThat(last.id()).isEqualTo(id);
		assertThat(last.state()).isEqualTo(QueryState.SUCCEEDED);
	}

	@Test
	void eventStreamResumesAfterLastEventIdAndStopsReconnectsOnceTerminal() throws Exception {
		String id = this.fixture.submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 12}}");
		QueryStatus queued = this.fixture.results().awaitRecord(id, QueryStatus.class).value();
		this.fixture.results().succeed(queued);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Http.json(Http.get(this.fixture.uri("/v1/queries/" + id))).get("state").stringValue(),
					"SUCCEEDED"::equals);

		HttpResponse<java.io.InputStream> resumed = Http.client()
			.send(Http.request(this.fixture.uri("/v1/queries/" + id + "/events"), "Last-Event-ID", "QUEUED")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(Http.lines(resumed)).filteredOn((line) -> line.startsWith("event:"))
			.containsExactly("event:SUCCEEDED");

		HttpResponse<String> finished = Http.get(this.fixture.uri("/v1/queries/" + id + "/events"), "Last-Event-ID",
				"SUCCEEDED");
		assertThat(finished.statusCode()).isEqualTo(204);
	}

	@Test
	void eventStreamOfAnUnknownIdIsNotFound() {
		HttpResponse<String> response = Http.get(this.fixture.uri("/v1/queries/q_01JD7Q8M3K0000000000000001/events"),
				"Accept", "text/event-stream");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

}
