package dev.sluice.client;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns the JSON values of a result's rows into Java values, by the column's PostgreSQL
 * type, the reverse of how the worker encodes them:
 *
 * <table>
 * <caption>Java type of a value, by column type</caption>
 * <tr>
 * <th>PostgreSQL type</th>
 * <th>JSON</th>
 * <th>Java</th>
 * </tr>
 * <tr>
 * <td>{@code int2}, {@code int4}, {@code int8}</td>
 * <td>number</td>
 * <td>{@link Long}</td>
 * </tr>
 * <tr>
 * <td>{@code float4}, {@code float8}</td>
 * <td>number, or {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}</td>
 * <td>{@link Double}</td>
 * </tr>
 * <tr>
 * <td>{@code numeric}</td>
 * <td>exact string</td>
 * <td>{@link BigDecimal}; {@link Double} for {@code NaN} and the infinities, which it
 * cannot hold</td>
 * </tr>
 * <tr>
 * <td>{@code bool}</td>
 * <td>boolean</td>
 * <td>{@link Boolean}</td>
 * </tr>
 * <tr>
 * <td>{@code date}</td>
 * <td>{@code "2026-11-22"}</td>
 * <td>{@link LocalDate}; {@code infinity} as {@link LocalDate#MAX}, {@code -infinity} as
 * {@link LocalDate#MIN}</td>
 * </tr>
 * <tr>
 * <td>{@code timestamp}, {@code timestamptz}</td>
 * <td>ISO-8601 UTC</td>
 * <td>{@link OffsetDateTime} in UTC; the infinities as {@link OffsetDateTime#MAX} and
 * {@link OffsetDateTime#MIN}</td>
 * </tr>
 * <tr>
 * <td>{@code uuid}</td>
 * <td>string</td>
 * <td>{@link UUID}</td>
 * </tr>
 * <tr>
 * <td>{@code json}, {@code jsonb}</td>
 * <td>any</td>
 * <td>the value as plain Java: {@code Map<String, Object>}, {@code List<Object>},
 * {@link String}, {@link Long}, {@link BigDecimal}, {@link Boolean}, {@code null}</td>
 * </tr>
 * <tr>
 * <td>any other</td>
 * <td>string</td>
 * <td>{@link String}</td>
 * </tr>
 * </table>
 *
 * SQL NULL is {@code null}. A value whose JSON does not fit its column's type (which the
 * server never sends) is returned as plain Java rather than failing the whole result.
 */
final class RowValues {

	private RowValues() {
	}

	/**
	 * Convert one row.
	 * @param row the row's JSON array
	 * @param columns the result's columns, in order
	 * @return the values, unmodifiable, {@code null} for SQL NULL
	 */
	static List<@Nullable Object> row(JsonNode row, List<Column> columns) {
		List<@Nullable Object> values = new ArrayList<>(columns.size());
		for (int i = 0; i < row.size(); i++) {
			values.add((i < columns.size()) ? value(row.get(i), columns.get(i).type()) : plain(row.get(i)));
		}
		return Collections.unmodifiableList(values);
	}

	static @Nullable Object value(JsonNode value, String type) {
		if (value.isNull()) {
			return null;
		}
		try {
			Object typed = switch (type) {
				case "int2", "int4", "int8" ->
					(value.isIntegralNumber() && value.canConvertToLong()) ? value.longValue() : null;
				case "float4", "float8" -> floatingPoint(value);
				case "numeric" -> numeric(value);
				case "bool" -> value.isBoolean() ? value.booleanValue() : null;
				case "date" -> value.isString() ? date(value.stringValue()) : null;
				case "timestamp", "timestamptz" -> value.isString() ? timestamp(value.stringValue()) : null;
				case "uuid" -> value.isString() ? UUID.fromString(value.stringValue()) : null;
				default -> null;
			};
			return (typed != null) ? typed : plain(value);
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			// Not the form this type is encoded in; the value is still worth having.
			return plain(value);
		}
	}

	private static @Nullable Double floatingPoint(JsonNode value) {
		if (value.isNumber()) {
			return value.doubleValue();
		}
		return value.isString() ? nonFinite(value.stringValue()) : null;
	}

	private static @Nullable Object numeric(JsonNode value) {
		if (value.isNumber()) {
			return value.decimalValue();
		}
		if (!value.isString()) {
			return null;
		}
		Double nonFinite = nonFinite(value.stringValue());
		return (nonFinite != null) ? nonFinite : new BigDecimal(value.stringValue());
	}

	private static @Nullable Double nonFinite(String text) {
		return switch (text) {
			case "NaN" -> Double.NaN;
			case "Infinity" -> Double.POSITIVE_INFINITY;
			case "-Infinity" -> Double.NEGATIVE_INFINITY;
			default -> null;
		};
	}

	private static LocalDate date(String text) {
		return switch (text) {
			case "infinity" -> LocalDate.MAX;
			case "-infinity" -> LocalDate.MIN;
			default -> LocalDate.parse(text);
		};
	}

	private static OffsetDateTime timestamp(String text) {
		return switch (text) {
			case "infinity" -> OffsetDateTime.MAX;
			case "-infinity" -> OffsetDateTime.MIN;
			default -> OffsetDateTime.parse(text);
		};
	}

	/**
	 * A JSON value as plain, unmodifiable Java values.
	 * @param value any JSON value
	 * @return the value
	 */
	static @Nullable Object plain(JsonNode value) {
		if (value.isObject()) {
			Map<String, @Nullable Object> members = new LinkedHashMap<>();
			value.properties().forEach((member) -> members.put(member.getKey(), plain(member.getValue())));
			return Collections.unmodifiableMap(members);
		}
		if (value.isArray()) {
			List<@Nullable Object> elements = new ArrayList<>(value.size());
			value.values().forEach((element) -> elements.add(plain(element)));
			return Collections.unmodifiableList(elements);
		}
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isIntegralNumber()) {
			return value.canConvertToLong() ? (Object) value.longValue() : value.bigIntegerValue();
		}
		if (value.isNumber()) {
			return value.decimalValue();
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		return null;
	}

}
