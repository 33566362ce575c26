package dev.sluice.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class CatalogQueryTests {

	private static final Catalog CATALOG = Catalog.parse("""
			queries:
			  customer_orders:
			    sql: |
			      select id from orders where customer_id = :customerId
			      order by created_at desc limit :limit
			    params:
			      customerId: { type: long, required: true, min: 1 }
			      limit:      { type: int, default: 20, min: 1, max: 500 }
			  search:
			    sql: |
			      select id from products
			      where (:category::text is null or category = :category) and name like :q
			    params:
			      q:        { type: text, required: true, maxLength: 3 }
			      category: { type: text }
			  orders_by_status:
			    sql: select * from orders where status = :status and total >= :minTotal
			    params:
			      status:   { type: text, values: [open, shipped], default: open }
			      minTotal: { type: decimal, values: [0, 9.99, "20.50"], default: 0 }
			  everything:
			    sql: select :i, :l, :d, :t, :b, :day, :ts, :u
			    params:
			      i: int
			      l: long
			      d: decimal
			      t: text
			      b: bool
			      day: date
			      ts: timestamp
			      u: uuid
			  ping:
			    sql: select 1
			""", "test.yml");

	private static CatalogQuery query(String name) {
		return CATALOG.find(name).orElseThrow();
	}

	private static Map<String, Object> params(Object... namesAndValues) {
		Map<String, Object> params = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			params.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return params;
	}

	@Test
	void bind_appliesDefaults() {
		Map<String, Object> values = query("customer_orders").bind(params("customerId", 42));

		assertThat(values).containsExactly(entry("customerId", 42L), entry("limit", 20));
	}

	@Test
	void bind_givenValueOverridesDefault() {
		Map<String, Object> values = query("customer_orders").bind(params("limit", 50, "customerId", 42));

		assertThat(values).containsExactly(entry("customerId", 42L), entry("limit", 50));
	}

	@Test
	void bind_optionalWithoutDefault_absent() {
		Map<String, Object> values = query("search").bind(params("q", "abc"));

		assertThat(values).containsExactly(entry("q", "abc"));
	}

	@Test
	void bind_reportsAllErrorsAtOnce() {
		CatalogQuery query = query("customer_orders");

		assertThatExceptionOfType(InvalidParametersException.class)
			.isThrownBy(() -> query.bind(params("customerId", "42", "limit", 501, "offset", 10)))
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly(
					new FieldError("params.offset",
							"unknown parameter of query 'customer_orders'; expected one of [customerId, limit]"),
					new FieldError("params.customerId", "must be an integer"),
					new FieldError("params.limit", "must be at most 500")))
			.withMessage("params.offset: unknown parameter of query 'customer_orders'; expected one of "
					+ "[customerId, limit]; params.customerId: must be an integer; params.limit: must be at most 500");
	}

	@Test
	void bind_requiredMissing() {
		assertThatExceptionOfType(InvalidParametersException.class)
			.isThrownBy(() -> query("customer_orders").bind(params("limit", 5)))
			.satisfies((ex) -> assertThat(ex.errors())
				.containsExactly(new FieldError("params.customerId", "is required (long)")));
	}

	@Test
	void bind_belowMin() {
		assertThatExceptionOfType(InvalidParametersException.class)
			.isThrownBy(() -> query("customer_orders").bind(params("customerId", 0, "limit", 0)))
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly(
					new FieldError("params.customerId", "must be at least 1"),
					new FieldError("params.limit", "must be at least 1")));
	}

	@Test
	void bind_nullCountsAsAbsent() {
		CatalogQuery query = query("customer_orders");

		assertThat(query.bind(params("customerId", 42, "limit", null))).containsExactly(entry("customerId", 42L),
				entry("limit", 20));
		assertThatExceptionOfType(InvalidParametersException.class)
			.isThrownBy(() -> query.bind(params("customerId", null)))
			.satisfies((ex) -> assertThat(ex.errors())
				.containsExactly(new FieldError("params.customerId", "is required (long)")));
	}

	@Test
	void bind_nullMap_meansNoParameters() {
		assertThat(query("ping").bind(null)).isEmpty();
		assertThat(query("orders_by_status").bind(null)).containsExactly(entry("status", "open"),
				entry("minTotal", BigDecimal.ZERO));
	}

	@Test
	void bind_unknownParameter_ofQueryWithoutParameters() {
		assertThatExceptionOfType(InvalidParametersException.class).isThrownBy(() -> query("ping").bind(params("x", 1)))
			.satisfies((ex) -> assertThat(ex.errors())
				.containsExactly(new FieldError("params.x", "unknown parameter of query 'ping'; it takes none")));
	}

	@Test
	void maxLength_countsCodePoints() {
		// Three emoji are six UTF-16 chars but three characters.
		assertThat(query("search").bind(params("q", "😀😀😀"))).containsEntry("q", "😀😀😀");
	}

	@Test
	void maxLength_exceeded() {
		assertThatExceptionOfType(InvalidParametersException.class)
			.isThrownBy(() -> query("search").bind(params("q", "abcd")))
			.satisfies((ex) -> assertThat(ex.errors())
				.containsExactly(new FieldError("params.q", "must be at most 3 characters long")));
		assertThatExceptionOfType(InvalidParametersException.class)
			.isThrownBy(() -> query("search").bind(params("q", "😀😀😀😀")))
			.satisfies((ex) -> assertThat(ex.errors())
				.containsExactly(new FieldError("params.q", "must be at most 3 characters long")));
	}

	@Test
	void values_accepted() {
		Map<String, Object> values = query("orders_by_status").bind(params("status", "shipped", "minTotal", "20.5"));

		assertThat(values.get("status")).isEqualTo("shipped");
		assertThat((BigDecimal) values.get("minTotal")).isEqualByComparingTo("20.50");
	}

	@Test
	void values_outside_listsTheAllowedWireForms() {
		assertThatExceptionOfType(InvalidParametersException.class)
			.isThrownBy(() -> query("orders_by_status").bind(params("status", "closed", "minTotal", 5)))
			.satisfies((ex) -> assertThat(ex.errors()).containsExactly(
					new FieldError("params.status", "must be one of [open, shipped]"),
					new FieldError("params.minTotal", "must be one of [0, 9.99, 20.50]")));
	}

	@Test
	void toWire_everyType_inDeclarationOrder() {
		CatalogQuery query = query("everything");
		Map<String, Object> submitted = new HashMap<>();
		submitted.put("u", "0B7F6A9E-2F3C-4C1E-9A57-3B9D2C4E8F10");
		submitted.put("ts", "2026-11-22T12:00:00+02:00");
		submitted.put("day", "2026-11-22");
		submitted.put("b", true);
		submitted.put("t", "shoes");
		submitted.put("d", 12.5);
		submitted.put("l", 7);
		submitted.put("i", 20.0);

		Map<String, Object> values = query.bind(submitted);

		assertThat(values).containsExactly(entry("i", 20), entry("l", 7L), entry("d", new BigDecimal("12.5")),
				entry("t", "shoes"), entry("b", true), entry("day", LocalDate.of(2026, 11, 22)),
				entry("ts", OffsetDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneOffset.UTC)),
				entry("u", UUID.fromString("0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10")));
		assertThat(query.toWire(values)).containsExactly(entry("i", 20), entry("l", 7L), entry("d", "12.5"),
				entry("t", "shoes"), entry("b", true), entry("day", "2026-11-22"), entry("ts", "2026-11-22T10:00:00Z"),
				entry("u", "0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10"));
	}

	@Test
	void jdbcArguments_inPlaceholderOrder_parameterUsedTwice() {
		CatalogQuery query = query("search");

		Object[] arguments = query.jdbcArguments(query.bind(params("q", "ab", "category", "toys")));

		assertThat(arguments).containsExactly("toys", "toys", "ab");
	}

	@Test
	void jdbcArguments_optionalWithoutValue_bindsNull() {
		CatalogQuery query = query("search");

		Object[] arguments = query.jdbcArguments(query.bind(params("q", "ab")));

		assertThat(arguments).containsExactly(null, null, "ab");
	}

	@Test
	void jdbcArguments_typedValues() {
		CatalogQuery query = query("customer_orders");

		Object[] arguments = query.jdbcArguments(query.bind(params("customerId", 42)));

		assertThat(arguments).containsExactly(42L, 20);
	}

	@Test
	void params_areReadOnly() {
		CatalogQuery query = query("customer_orders");

		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> query.params().remove("customerId"));
	}

}
