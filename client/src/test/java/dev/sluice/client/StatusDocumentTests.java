package dev.sluice.client;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StatusDocumentTests {

	private static QueryStatus parse(String json) {
		return StatusDocument.parse(json.getBytes(StandardCharsets.UTF_8), "The test");
	}

	private static QueryStatus succeeded(String columns, String rows) {
		return parse("""
				{"id":"q_1","query":"everything","state":"SUCCEEDED","submittedAt":"2026-11-23T09:07:39.907Z",\
				"startedAt":"2026-11-23T09:07:39.921Z","completedAt":"2026-11-23T09:07:39.924Z","cache":"HIT",\
				"result":{"columns":%s,"rows":%s,"rowCount":1,"truncated":true},"error":null}""".formatted(columns,
				rows));
	}

	@Test
	void valuesAreConvertedByColumnType() {
		QueryStatus status = succeeded("""
				[{"name":"a","type":"int4"},{"name":"b","type":"int8"},{"name":"c","type":"float8"},
				 {"name":"d","type":"numeric"},{"name":"e","type":"bool"},{"name":"f","type":"date"},
				 {"name":"g","type":"timestamptz"},{"name":"h","type":"timestamp"},{"name":"i","type":"uuid"},
				 {"name":"j","type":"text"},{"name":"k","type":"interval"}]""", """
				[[7,9007199254740993,0.25,"12345678901234567890.50",true,"2026-11-22","2026-11-22T10:00:00Z",
				  "2026-11-22T10:00:00.123456Z","6f1c3a52-5b36-4c1e-9d1e-3f0e8d1b2a77","kitchen","1 day"]]""");

		assertThat(status.rows()).singleElement()
			.isEqualTo(List.of(7L, 9007199254740993L, 0.25, new BigDecimal("12345678901234567890.50"), true,
					LocalDate.of(2026, 11, 22), OffsetDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneOffset.UTC),
					OffsetDateTime.of(2026, 11, 22, 10, 0, 0, 123_456_000, ZoneOffset.UTC),
					UUID.fromString("6f1c3a52-5b36-4c1e-9d1e-3f0e8d1b2a77"), "kitchen", "1 day"));
		assertThat(status.truncated()).isTrue();
		assertThat(status.cache()).contains(CacheOutcome.HIT);
	}

	@Test
	void specialValuesKeepTheirMeaning() {
		QueryStatus status = succeeded("""
				[{"name":"a","type":"float8"},{"name":"b","type":"float4"},{"name":"c","type":"numeric"},
				 {"name":"d","type":"date"},{"name":"e","type":"timestamptz"},{"name":"f","type":"int8"}]""", """
				[["NaN","-Infinity","Infinity","infinity","-infinity",null]]""");

		assertThat(status.rows().get(0)).containsExactly(Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
				LocalDate.MAX, OffsetDateTime.MIN, null);
	}

	@Test
	void jsonValuesArePlainJavaThatKeepsEveryDigit() {
		QueryStatus status = succeeded("[{\"name\":\"doc\",\"type\":\"jsonb\"}]", """
				[[{"n":1,"price":19.90,"tags":["a",null],"ok":false}]]""");

		Object doc = status.rows().get(0).get(0);
		assertThat(doc).isInstanceOf(Map.class);
		Map<?, ?> members = (Map<?, ?>) doc;
		assertThat(members.get("n")).isEqualTo(1L);
		assertThat(members.get("price")).isEqualTo(new BigDecimal("19.90"));
		assertThat(members.get("tags")).asInstanceOf(InstanceOfAssertFactories.LIST).containsExactly("a", null);
		assertThat(members.get("ok")).isEqualTo(false);
	}

	@Test
	void valueThatDoesNotFitItsTypeIsKeptAsItCame() {
		QueryStatus status = succeeded("[{\"name\":\"a\",\"type\":\"int8\"},{\"name\":\"b\",\"type\":\"date\"}]",
				"[[\"many\",\"soon\"]]");

		assertThat(status.rows().get(0)).containsExactly("many", "soon");
	}

	@Test
	void rowsAreUnmodifiable() {
		List<Object> row = succeeded("[{\"name\":\"a\",\"type\":\"int8\"}]", "[[1]]").rows().get(0);

		assertThat(row).isUnmodifiable();
	}

	@Test
	void failedStatusHasAnErrorAndNoRows() {
		QueryStatus status = parse(
				"""
						{"id":"q_1","query":"slow","state":"FAILED","submittedAt":"2026-11-23T09:07:39.907Z",\
						"expectedStartAt":null,"startedAt":"2026-11-23T09:07:39.921Z","completedAt":"2026-11-23T09:07:44.924Z",\
						"cache":"MISS","result":null,"error":{"code":"57014","message":"SQLSTATE 57014 (operator intervention)"}}""");

		assertThat(status.isTerminal()).isTrue();
		assertThat(status.error()).contains(new QueryError("57014", "SQLSTATE 57014 (operator intervention)"));
		assertThat(status.truncated()).isFalse();
		assertThatIllegalStateException().isThrownBy(status::rows)
			.withMessage("Query q_1 is FAILED (57014: SQLSTATE 57014 (operator intervention)), so it has no rows;"
					+ " only a SUCCEEDED status has. Check state() first.");
	}

	@Test
	void fieldsTheClientDoesNotKnowAreIgnored() {
		QueryStatus status = parse("""
				{"id":"q_1","query":"q","state":"QUEUED","submittedAt":"2026-11-23T09:07:39.907Z",\
				"priority":"high","cache":"WARMED"}""");

		assertThat(status.state()).isEqualTo(QueryState.QUEUED);
		assertThat(status.expectedStartAt()).isEmpty();
		assertThat(status.cache()).isEmpty();
		assertThat(status.client()).as("from a server that does not name clients").isEmpty();
	}

	@Test
	void theClientThatSubmittedTheQueryIsNamed() {
		QueryStatus status = parse(
				"""
						{"id":"q_1","query":"q","client":"reporting","state":"QUEUED","submittedAt":"2026-11-23T09:07:39.907Z"}""");

		assertThat(status.client()).hasValue("reporting");
	}

	@Test
	void documentThatIsNotAStatusIsRefused() {
		assertThatExceptionOfType(SluiceException.class).isThrownBy(() -> parse("{\"hello\":\"world\"}"))
			.withMessageContaining("The test answered something that is not a status document (no 'state')");
		assertThatExceptionOfType(SluiceException.class).isThrownBy(() -> parse("<html>"))
			.withMessageContaining("not a status document");
	}

}
