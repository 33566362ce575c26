package dev.sluice.ingress.view;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.Column;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryResult;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.StatusHead;
import dev.sluice.contract.StatusHeaders;
import dev.sluice.contract.Topics;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.IngressFixture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The view of {@code sluice.results} on a real broker, with the test playing the worker:
 * every answer carries a status as its record did, whether a worker wrote its head in the
 * record's headers or not.
 */
@ExtendWith(IngressFixture.Shared.class)
class ResultsViewIT {

	private final IngressFixture fixture;

	ResultsViewIT(IngressFixture fixture) {
		this.fixture = fixture;
	}

	@Test
	void statusWithHeadersIsServedByteForByteAsItsValue() throws Exception {
		String id = this.fixture.submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 19}}");
		QueryStatus running = this.fixture.results().awaitRecord(id, QueryStatus.class).value().running(Instant.now());
		QueryStatus succeeded = running.succeeded(Instant.now(), CacheOutcome.HIT,
				new QueryResult(List.of(new Column("id", "int8")), List.of(List.of(19)), 1, false));
		// Bytes that encoding the decoded status again would not give: an unknown field.
		String encoded = new String(EncodedStatus.of(succeeded).json(), StandardCharsets.UTF_8);
		byte[] value = ("{\"servedAsItCame\":true," + encoded.substring(1)).getBytes(StandardCharsets.UTF_8);
		RecordHeaders headers = new RecordHeaders();
		StatusHeaders.write(StatusHead.of(succeeded), headers);
		CompletableFuture<HttpResponse<String>> longPoll = Http.client()
			.sendAsync(Http.request(this.fixture.uri("/v1/queries/" + id), "Prefer", "wait=20").GET().build(),
					HttpResponse.BodyHandlers.ofString());

		this.fixture.results().send(new ProducerRecord<>(Topics.RESULTS, null, id, value, headers));

		String expected = new String(value, StandardCharsets.UTF_8);
		assertThat(longPoll.get(15, TimeUnit.SECONDS).body()).isEqualTo(expected);
		HttpResponse<String> polled = Http.get(this.fixture.uri("/v1/queries/" + id));
		assertThat(polled.body()).isEqualTo(expected);
		assertThat(polled.headers().firstValue("Content-Type")).hasValue("application/json");
		HttpResponse<java.io.InputStream> stream = Http.client()
			.send(Http.request(this.fixture.uri("/v1/queries/" + id + "/events")).GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
		assertThat(Http.lines(stream)).filteredOn((line) -> line.startsWith("data:"))
			.containsExactly("data:" + expected);
	}

	@Test
	void statusWithoutHeadersIsStillServedAsItsValue() {
		String id = this.fixture.submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 20}}");
		QueryStatus running = this.fixture.results().awaitRecord(id, QueryStatus.class).value().running(Instant.now());
		QueryStatus succeeded = running.succeeded(Instant.now(), CacheOutcome.MISS,
				new QueryResult(List.of(new Column("id", "int8")), List.of(List.of(20)), 1, false));

		this.fixture.results().publishWithoutHeaders(running);
		this.fixture.results().publishWithoutHeaders(succeeded);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<String> done = Http.get(this.fixture.uri("/v1/queries/" + id));
			assertThat(done.body()).isEqualTo(new String(JsonCodec.encode(succeeded), StandardCharsets.UTF_8));
			assertThat(Http.json(done).get("result").get("rows").get(0).get(0).intValue()).isEqualTo(20);
		});
	}

}
