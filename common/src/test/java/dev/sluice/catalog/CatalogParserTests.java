package dev.sluice.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.error.YAMLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CatalogParserTests {

	private static final String SOURCE = "test.yml";

	private static Catalog parse(String yaml) {
		return Catalog.parse(yaml, SOURCE);
	}

	private static CatalogQuery only(String yaml) {
		return parse(yaml).find("q").orElseThrow();
	}

	private static ThrowableAssertAlternative<CatalogException> refused(String yaml) {
		return assertThatExceptionOfType(CatalogException.class).isThrownBy(() -> parse(yaml));
	}

	// document structure

	@Test
	void badYaml_refused() {
		refused("""
				queries:
				  q: { sql: "select 1"
				""").withMessageStartingWith("catalog test.yml: not valid YAML: ")
			.withCauseInstanceOf(YAMLException.class);
	}

	@Test
	void duplicateKey_refused() {
		refused("""
				queries:
				  q:
				    sql: select 1
				    sql: select 2
				""").withMessageStartingWith("catalog test.yml: not valid YAML: ").withMessageContaining("sql");
	}

	@Test
	void queriesMissing_refused() {
		refused("""
				query:
				  q: { sql: select 1 }
				""").withMessage("catalog test.yml: expected a top-level 'queries:' mapping");
	}

	@Test
	void emptyDocument_refused() {
		refused("").withMessage("catalog test.yml: expected a top-level 'queries:' mapping");
	}

	@Test
	void queriesNotMapping_refused() {
		refused("""
				queries:
				  - q
				""").withMessage("catalog test.yml: expected a top-level 'queries:' mapping");
	}

	@Test
	void queriesEmpty_refused() {
		refused("queries: {}").withMessage("catalog test.yml: 'queries' is empty");
	}

	@Test
	void unknownTopLevelField_refused() {
		refused("""
				queries:
				  q: { sql: select 1 }
				defaults:
				  timeout: 1s
				""").withMessage("catalog test.yml: unknown top-level field 'defaults'; only 'queries' is allowed");
	}

	@Test
	void unknownQueryField_refused() {
		refused("""
				queries:
				  q:
				    sql: select 1
				    cache: 30s
				""").withMessage("catalog test.yml: query 'q': cache: unknown field; expected one of "
				+ "[cacheTtl, description, maxBytes, maxRows, params, queueTimeout, sql, timeout]");
	}

	@Test
	void queryNotMapping_refused() {
		refused("""
				queries:
				  q: select 1
				""").withMessage("catalog test.yml: query 'q': definition: must be a mapping");
	}

	@Test
	void queryName_invalid_refused() {
		refused("""
				queries:
				  customer-orders: { sql: select 1 }
				""").withMessage("catalog test.yml: query 'customer-orders': name: must start with a letter and hold "
				+ "only letters, digits and '_'");
	}

	@Test
	void sqlMissing_refused() {
		refused("""
				queries:
				  q: { description: nothing }
				""").withMessage("catalog test.yml: query 'q': sql: is required and must be a string");
	}

	@Test
	void sqlBlank_refused() {
		refused("""
				queries:
				  q: { sql: "  " }
				""").withMessage("catalog test.yml: query 'q': sql: is required and must be a string");
	}

	// parameters against the SQL

	@Test
	void sqlNamesUndeclaredParameter_refused() {
		refused("""
				queries:
				  q:
				    sql: select * from t where a = :a limit :limit
				    params:
				      a: { type: int }
				""")
			.withMessage("catalog test.yml: query 'q': sql: uses parameter ':limit' that is not declared under params");
	}

	@Test
	void sqlNamesParameterWithoutParams_refused() {
		refused("""
				queries:
				  q: { sql: "select :a" }
				""")
			.withMessage("catalog test.yml: query 'q': sql: uses parameter ':a' that is not declared under params");
	}

	@Test
	void declaredParameterUnused_refused() {
		refused("""
				queries:
				  q:
				    sql: select * from t where a = :a
				    params:
				      a: { type: int }
				      extra: { type: text }
				""")
			.withMessage("catalog test.yml: query 'q': params.extra: is declared but the sql never uses ':extra'");
	}

	@Test
	void parameterOnlyInComment_countsAsUnused() {
		refused("""
				queries:
				  q:
				    sql: "select 1 -- :a"
				    params:
				      a: { type: int }
				""").withMessage("catalog test.yml: query 'q': params.a: is declared but the sql never uses ':a'");
	}

	// parameter declarations

	@Test
	void parameter_shorthandType() {
		CatalogQuery query = only("""
				queries:
				  q:
				    sql: select :a
				    params:
				      a: uuid
				""");

		ParamSpec spec = query.params().get("a");
		assertThat(spec.type()).isEqualTo(ParamType.UUID);
		assertThat(spec.required()).isFalse();
		assertThat(spec.defaultValue()).isNull();
		assertThat(spec.values()).isEmpty();
	}

	@Test
	void parameters_keepDeclarationOrder() {
		CatalogQuery query = only("""
				queries:
				  q:
				    sql: select :c, :a, :b
				    params:
				      b: int
				      c: int
				      a: int
				""");

		assertThat(query.params()).containsOnlyKeys("a", "b", "c");
		assertThat(query.params().keySet()).containsExactly("b", "c", "a");
	}

	@Test
	void unknownParameterField_refused() {
		refused("""
				queries:
				  q:
				    sql: select :a
				    params:
				      a: { type: text, maxlen: 3 }
				""").withMessage("catalog test.yml: query 'q': params.a.maxlen: unknown field; expected one of "
				+ "[default, max, maxLength, min, required, type, values]");
	}

	@Test
	void unknownType_listsValidTypes() {
		refused("""
				queries:
				  q:
				    sql: select :limit
				    params:
				      limit: { type: integr }
				""").withMessage("catalog test.yml: query 'q': params.limit.type: 'integr' is not one of "
				+ "[int, long, decimal, text, bool, date, timestamp, uuid]");
	}

	@Test
	void typeMissing_refused() {
		refused("""
				queries:
				  q:
				    sql: select :a
				    params:
				      a: { required: true }
				""").withMessageStartingWith("catalog test.yml: query 'q': params.a.type: ")
			.withMessageEndingWith(" is not one of [int, long, decimal, text, bool, date, timestamp, uuid]");
	}

	@Test
	void parameterName_invalid_refused() {
		refused("""
				queries:
				  q:
				    sql: select 1
				    params:
				      1a: int
				""").withMessageStartingWith("catalog test.yml: query 'q': params.1a: parameter names must start");
	}

	@Test
	void required_notBoolean_refused() {
		refused("""
				queries:
				  q:
				    sql: select :a
				    params:
				      a: { type: int, required: "true" }
				""").withMessage("catalog test.yml: query 'q': params.a.required: must be true or false");
	}

	@Test
	void requiredWithDefault_refused() {
		refused("""
				queries:
				  q:
				    sql: select :a
				    params:
				      a: { type: int, required: true, default: 5 }
				""")
			.withMessage("catalog test.yml: query 'q': params.a.default: a required parameter cannot have a default");
	}

	@Test
	void defaultOutOfRange_refused() {
		refused("""
				queries:
				  q:
				    sql: select :limit
				    params:
				      limit: { type: int, default: 501, min: 1, max: 500 }
				""").withMessage("catalog test.yml: query 'q': params.limit.default: must be at most 500");
	}

	@Test
	void defaultOfWrongType_refused() {
		refused("""
				queries:
				  q:
				    sql: select :limit
				    params:
				      limit: { type: int, default: lots }
				""").withMessage("catalog test.yml: query 'q': params.limit.default: must be an integer");
	}

	@Test
	void defaultNotAmongValues_refused() {
		refused("""
				queries:
				  q:
				    sql: select :s
				    params:
				      s: { type: text, default: closed, values: [open, shipped] }
				""").withMessage("catalog test.yml: query 'q': params.s.default: must be one of [open, shipped]");
	}

	@Test
	void defaultIsTyped() {
		CatalogQuery query = only("""
				queries:
				  q:
				    sql: select :limit, :price
				    params:
				      limit: { type: long, default: 20 }
				      price: { type: decimal, default: 12.50 }
				""");

		assertThat(query.params().get("limit").defaultValue()).isEqualTo(20L);
		assertThat(query.params().get("price").defaultValue()).isEqualTo(new BigDecimal("12.5"));
	}

	@Test
	void minGreaterThanMax_refused() {
		refused("""
				queries:
				  q:
				    sql: select :limit
				    params:
				      limit: { type: int, min: 10, max: 1 }
				""").withMessage("catalog test.yml: query 'q': params.limit.min: is greater than max");
	}

	@Test
	void minAndMax_parsedAsDecimals() {
		CatalogQuery query = only("""
				queries:
				  q:
				    sql: select :price
				    params:
				      price: { type: decimal, min: 0.5, max: "99.99" }
				""");

		ParamSpec spec = query.params().get("price");
		assertThat(spec.min()).isEqualByComparingTo("0.5");
		assertThat(spec.max()).isEqualByComparingTo("99.99");
	}

	@Test
	void minOnText_refused() {
		refused("""
				queries:
				  q:
				    sql: select :q
				    params:
				      q: { type: text, min: 1 }
				""")
			.withMessage("catalog test.yml: query 'q': params.q.min: applies to int, long and decimal only, not text");
	}

	@Test
	void maxOnDate_refused() {
		refused("""
				queries:
				  q:
				    sql: select :d
				    params:
				      d: { type: date, max: 2026 }
				""")
			.withMessage("catalog test.yml: query 'q': params.d.max: applies to int, long and decimal only, not date");
	}

	@Test
	void minNotNumber_refused() {
		// The documented contract of Catalog.load: every invalid catalog ends in a
		// CatalogException naming the query and the field.
		refused("""
				queries:
				  q:
				    sql: select :limit
				    params:
				      limit: { type: int, min: one }
				""").withMessageStartingWith("catalog test.yml: query 'q': params.limit.min: ");
	}

	@Test
	void maxLengthOnInt_refused() {
		refused("""
				queries:
				  q:
				    sql: select :limit
				    params:
				      limit: { type: int, maxLength: 3 }
				""").withMessage("catalog test.yml: query 'q': params.limit.maxLength: applies to text only, not int");
	}

	@Test
	void maxLength_notPositive_refused() {
		refused("""
				queries:
				  q:
				    sql: select :s
				    params:
				      s: { type: text, maxLength: 0 }
				""")
			.withMessage("catalog test.yml: query 'q': params.s.maxLength: must be a whole number of at least 1");
	}

	@Test
	void values_parsedByType() {
		CatalogQuery query = only("""
				queries:
				  q:
				    sql: select :i, :d, :day, :s
				    params:
				      i: { type: int, values: [10, 20] }
				      d: { type: decimal, values: [1.5, "2.50"] }
				      day: { type: date, values: [2026-01-01, 2026-12-31] }
				      s: { type: text, values: [open, shipped] }
				""");

		assertThat(query.params().get("i").values()).containsExactly(10, 20);
		assertThat(query.params().get("d").values()).containsExactly(new BigDecimal("1.5"), new BigDecimal("2.50"));
		assertThat(query.params().get("day").values()).containsExactly(LocalDate.of(2026, 1, 1),
				LocalDate.of(2026, 12, 31));
		assertThat(query.params().get("s").values()).containsExactly("open", "shipped");
	}

	@Test
	void values_ofWrongType_refused() {
		refused("""
				queries:
				  q:
				    sql: select :i
				    params:
				      i: { type: int, values: [10, ten] }
				""").withMessage("catalog test.yml: query 'q': params.i.values: 'ten' must be an integer");
	}

	@Test
	void values_empty_refused() {
		refused("""
				queries:
				  q:
				    sql: select :i
				    params:
				      i: { type: int, values: [] }
				""").withMessage("catalog test.yml: query 'q': params.i.values: must be a non-empty list");
	}

	@Test
	void values_notList_refused() {
		refused("""
				queries:
				  q:
				    sql: select :i
				    params:
				      i: { type: int, values: 10 }
				""").withMessage("catalog test.yml: query 'q': params.i.values: must be a non-empty list");
	}

	@Test
	void datesInYaml_stayDatesOfTheirParameterType() {
		CatalogQuery query = only("""
				queries:
				  q:
				    sql: select :day, :label, :since
				    params:
				      day: { type: date, default: 2026-01-01 }
				      label: { type: text, default: 2026-01-01 }
				      since: { type: timestamp, default: 2026-01-01T10:00:00+02:00 }
				""");

		assertThat(query.params().get("day").defaultValue()).isEqualTo(LocalDate.of(2026, 1, 1));
		assertThat(query.params().get("label").defaultValue()).isEqualTo("2026-01-01");
		assertThat(query.params().get("since").defaultValue())
			.isEqualTo(OffsetDateTime.of(2026, 1, 1, 8, 0, 0, 0, ZoneOffset.UTC));
	}

	@Test
	void parameterNamedLikeYamlBoolean_keepsItsName() {
		// YAML 1.1 reads a bare on/off/yes/no as a boolean; as a mapping key it must
		// still
		// be the parameter the SQL names.
		CatalogQuery query = only("""
				queries:
				  q:
				    sql: select * from t where flag = :on
				    params:
				      on: bool
				""");

		assertThat(query.params()).containsOnlyKeys("on");
	}

	// durations, limits and defaults

	@Test
	void durations_withUnitsOrIso() {
		CatalogQuery query = only("""
				queries:
				  q:
				    sql: select 1
				    cacheTtl: 500ms
				    timeout: 30s
				    queueTimeout: 2m
				""");

		assertThat(query.cacheTtl()).isEqualTo(Duration.ofMillis(500));
		assertThat(query.timeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(query.queueTimeout()).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void durations_isoAndHours() {
		CatalogQuery query = only("""
				queries:
				  q:
				    sql: select 1
				    cacheTtl: 1h
				    timeout: PT1S
				    queueTimeout: PT1M30S
				""");

		assertThat(query.cacheTtl()).isEqualTo(Duration.ofHours(1));
		assertThat(query.timeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(query.queueTimeout()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void duration_bareNumber_refused() {
		refused("""
				queries:
				  q:
				    sql: select 1
				    timeout: 5
				""").withMessage("catalog test.yml: query 'q': timeout: '5' is not a duration; write it with a unit, "
				+ "e.g. 500ms, 30s, 2m or 1h");
	}

	@Test
	void duration_unknownUnit_refused() {
		refused("""
				queries:
				  q:
				    sql: select 1
				    cacheTtl: 1d
				""").withMessage("catalog test.yml: query 'q': cacheTtl: '1d' is not a duration; write it with a unit, "
				+ "e.g. 500ms, 30s, 2m or 1h");
	}

	@Test
	void duration_negative_refused() {
		refused("""
				queries:
				  q:
				    sql: select 1
				    queueTimeout: PT-1S
				""").withMessage("catalog test.yml: query 'q': queueTimeout: 'PT-1S' is negative");
	}

	@Test
	void timeout_zero_refused() {
		refused("""
				queries:
				  q:
				    sql: select 1
				    timeout: 0s
				""").withMessage("catalog test.yml: query 'q': timeout: must be greater than zero");
	}

	@Test
	void queueTimeout_zero_refused() {
		refused("""
				queries:
				  q:
				    sql: select 1
				    queueTimeout: 0ms
				""").withMessage("catalog test.yml: query 'q': queueTimeout: must be greater than zero");
	}

	@Test
	void cacheTtl_zero_meansNeverCached() {
		assertThat(only("""
				queries:
				  q:
				    sql: select 1
				    cacheTtl: 0s
				""").cacheTtl()).isZero();
	}

	@Test
	void maxRows_zero_refused() {
		refused("""
				queries:
				  q:
				    sql: select 1
				    maxRows: 0
				""").withMessage("catalog test.yml: query 'q': maxRows: must be a whole number of at least 1, not 0");
	}

	@Test
	void maxRows_fraction_refused() {
		refused("""
				queries:
				  q:
				    sql: select 1
				    maxRows: 1.5
				""").withMessage("catalog test.yml: query 'q': maxRows: must be a whole number of at least 1, not 1.5");
	}

	@Test
	void maxBytes_sizesInBytesKilobytesAndMegabytes() {
		assertThat(only("queries:\n  q:\n    sql: select 1\n    maxBytes: 2048\n").maxBytes()).isEqualTo(2048);
		assertThat(only("queries:\n  q:\n    sql: select 1\n    maxBytes: 512KB\n").maxBytes()).isEqualTo(512 * 1024);
		assertThat(only("queries:\n  q:\n    sql: select 1\n    maxBytes: 4 mb\n").maxBytes())
			.isEqualTo(4 * 1024 * 1024);
		assertThat(only("queries:\n  q:\n    sql: select 1\n").maxBytes()).isEqualTo(8 * 1024 * 1024);
	}

	@Test
	void maxBytes_beyondOneKafkaRecordOrNotASize_refused() {
		for (String size : new String[] { "17MB", "0", "lots", "1.5MB", "-1" }) {
			refused("queries:\n  q:\n    sql: select 1\n    maxBytes: " + size + "\n")
				.withMessageStartingWith("catalog test.yml: query 'q': maxBytes: must be a size such as 512KB or 4MB")
				.withMessageEndingWith("not " + size);
		}
	}

	@Test
	void defaults_whenOmitted() {
		CatalogQuery query = only("""
				queries:
				  q:
				    sql: select 1
				""");

		assertThat(query.name()).isEqualTo("q");
		assertThat(query.description()).isEmpty();
		assertThat(query.params()).isEmpty();
		assertThat(query.cacheTtl()).isEqualTo(Duration.ZERO);
		assertThat(query.timeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(query.maxRows()).isEqualTo(1000);
		assertThat(query.queueTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void description_trimmed() {
		CatalogQuery query = only("""
				queries:
				  q:
				    description: |
				      Orders of one customer
				    sql: select 1
				""");

		assertThat(query.description()).isEqualTo("Orders of one customer");
	}

	@Test
	void sql_keptAndRewritten() {
		CatalogQuery query = only("""
				queries:
				  q:
				    sql: |
				      select * from t
				      where id = :id::bigint
				    params:
				      id: long
				""");

		assertThat(query.sql().sql()).isEqualTo("select * from t\nwhere id = :id::bigint\n");
		assertThat(query.sql().jdbcSql()).isEqualTo("select * from t\nwhere id = ?::bigint\n");
	}

	@Test
	void firstProblem_namesItsQuery() {
		refused("""
				queries:
				  good: { sql: select 1 }
				  bad: { sql: select 1, maxRows: -1 }
				""")
			.withMessage("catalog test.yml: query 'bad': maxRows: must be a whole number of at least 1, not -1");
	}

}
