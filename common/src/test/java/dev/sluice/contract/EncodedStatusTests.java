package dev.sluice.contract;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class EncodedStatusTests {

	private static final Instant SUBMITTED = Instant.parse("2026-11-22T10:00:00.000Z");

	private static final Instant STARTED = Instant.parse("2026-11-22T10:00:00.120Z");

	private static final Instant COMPLETED = Instant.parse("2026-11-22T10:00:00.131Z");

	private static QueryStatus queued() {
		return QueryStatus.queued(new QuerySubmitted("q_01JD7Q", "customer_orders", Map.of("customerId", 42), SUBMITTED,
				SUBMITTED.plusSeconds(30), "reporting"));
	}

	private static QueryResult result() {
		return new QueryResult(List.of(new Column("id", "int8"), new Column("name", "text")),
				List.of(Arrays.asList(1001, "Ünïcode \"quoted\""), Arrays.asList(998, null)), 2, true);
	}

	@Test
	void succeededAroundEncodedRowsIsByteForByteTheFullEncoding() {
		QueryStatus running = queued().running(STARTED);
		for (CacheOutcome cache : CacheOutcome.values()) {
			EncodedStatus spliced = EncodedStatus.of(running.succeeded(COMPLETED, cache, null),
					EncodedResult.of(result()));

			assertThat(spliced.json()).isEqualTo(JsonCodec.encode(running.succeeded(COMPLETED, cache, result())));
			assertThat(spliced.decode().result()).isEqualTo(result());
		}
	}

	@Test
	void splicedRowsAreTheSharedBytes() {
		EncodedResult rows = EncodedResult.of(result());

		EncodedStatus first = EncodedStatus.of(queued().succeeded(COMPLETED, CacheOutcome.MISS, null), rows);
		EncodedStatus second = EncodedStatus.of(queued().succeeded(COMPLETED, CacheOutcome.HIT, null), rows);

		assertThat(new String(first.json())).contains(new String(rows.json()));
		assertThat(new String(second.json())).contains(new String(rows.json()));
		assertThat(rows.rowCount()).isEqualTo(2);
		assertThat(rows.truncated()).isTrue();
		assertThat(first.rows()).isSameAs(rows);
		assertThat(EncodedStatus.of(queued()).rows()).isNull();
	}

	@Test
	void statusWithRowsOrErrorCannotWrapEncodedRows() {
		EncodedResult rows = EncodedResult.of(result());
		QueryStatus withRows = queued().succeeded(COMPLETED, CacheOutcome.MISS, result());

		assertThatIllegalArgumentException().isThrownBy(() -> EncodedStatus.of(withRows, rows))
			.withMessageContaining("q_01JD7Q");
	}

	@Test
	void headersCarryTheHeadOfEveryState() {
		QueryStatus running = queued().running(STARTED);
		List<QueryStatus> statuses = List.of(queued(), running,
				running.succeeded(COMPLETED, CacheOutcome.COALESCED, result()),
				running.ended(QueryState.FAILED, COMPLETED, new QueryError("57014", "timeout")));
		for (QueryStatus status : statuses) {
			RecordHeaders headers = new RecordHeaders();

			StatusHeaders.write(StatusHead.of(status), headers);

			assertThat(StatusHeaders.read(status.id(), headers)).isEqualTo(StatusHead.of(status));
		}
	}

	@Test
	void everyStatusCarriesTheClientThatSubmittedTheQuery() {
		QueryStatus running = queued().running(STARTED);

		assertThat(List.of(queued(), running, running.succeeded(COMPLETED, CacheOutcome.MISS, result()),
				running.ended(QueryState.FAILED, COMPLETED, new QueryError("57014", "canceled"))))
			.extracting(QueryStatus::client)
			.containsOnly("reporting");
		assertThat(StatusHead.of(running).client()).isEqualTo("reporting");
		assertThat(new String(EncodedStatus.of(running).json(), java.nio.charset.StandardCharsets.UTF_8))
			.startsWith("{\"id\":\"q_01JD7Q\",\"query\":\"customer_orders\",\"client\":\"reporting\",");
	}

	@Test
	void recordWithoutHeadersHasNoHead() {
		assertThat(StatusHeaders.read("q_1", new RecordHeaders())).isNull();
	}

	@Test
	void decodeKeepsTheBytesAsTheyCame() {
		byte[] json = JsonCodec.encode(queued());

		EncodedStatus decoded = EncodedStatus.decode(json);

		assertThat(decoded.json()).isSameAs(json);
		assertThat(decoded.head()).isEqualTo(StatusHead.of(queued()));
	}

	@Test
	void serializerPassesEncodedDocumentsUnchanged() {
		byte[] json = JsonCodec.encode(queued());

		assertThat(new JsonCodec.Serializing().serialize("t", json)).isSameAs(json);
	}

}
