package dev.sluice.catalog;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The parameter types of the catalog, each with its Java value, its wire form and the
 * JSON it accepts.
 *
 * <table>
 * <tr>
 * <th>type</th>
 * <th>accepts</th>
 * <th>Java value</th>
 * <th>wire form</th>
 * </tr>
 * <tr>
 * <td>int, long</td>
 * <td>integral JSON number in range</td>
 * <td>Integer, Long</td>
 * <td>same</td>
 * </tr>
 * <tr>
 * <td>decimal</td>
 * <td>JSON number or numeric string</td>
 * <td>BigDecimal</td>
 * <td>plain string</td>
 * </tr>
 * <tr>
 * <td>text</td>
 * <td>string</td>
 * <td>String</td>
 * <td>same</td>
 * </tr>
 * <tr>
 * <td>bool</td>
 * <td>true or false</td>
 * <td>Boolean</td>
 * <td>same</td>
 * </tr>
 * <tr>
 * <td>date</td>
 * <td>"2026-11-22"</td>
 * <td>LocalDate</td>
 * <td>ISO string</td>
 * </tr>
 * <tr>
 * <td>timestamp</td>
 * <td>ISO-8601 with offset</td>
 * <td>OffsetDateTime in UTC</td>
 * <td>ISO string</td>
 * </tr>
 * <tr>
 * <td>uuid</td>
 * <td>string</td>
 * <td>UUID</td>
 * <td>lowercase string</td>
 * </tr>
 * </table>
 */
public enum ParamType {

	INT, LONG, DECIMAL, TEXT, BOOL, DATE, TIMESTAMP, UUID;

	/**
	 * The catalog spelling of this type, e.g. {@code int}.
	 * @return the lowercase name
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	static @Nullable ParamType fromLabel(String label) {
		for (ParamType type : values()) {
			if (type.label().equals(label)) {
				return type;
			}
		}
		return null;
	}

	boolean isNumeric() {
		return this == INT || this == LONG || this == DECIMAL;
	}

	/**
	 * Convert a value decoded from JSON (or YAML) into this type's Java value.
	 * @param raw the decoded value, never {@code null}
	 * @return the Java value
	 * @throws IllegalArgumentException with a message fit for a client if {@code raw} is
	 * not a value of this type
	 */
	public Object parse(Object raw) {
		return switch (this) {
			case INT -> integral(raw, Integer.MIN_VALUE, Integer.MAX_VALUE).intValueExact();
			case LONG -> integral(raw, Long.MIN_VALUE, Long.MAX_VALUE).longValueExact();
			case DECIMAL -> decimal(raw);
			case TEXT -> requireString(raw, "a string");
			case BOOL -> {
				if (raw instanceof Boolean bool) {
					yield bool;
				}
				throw new IllegalArgumentException("must be true or false");
			}
			case DATE -> date(raw);
			case TIMESTAMP -> timestamp(raw);
			case UUID -> uuid(raw);
		};
	}

	/**
	 * The wire form of a Java value of this type: what travels in
	 * {@code QuerySubmitted.params} and feeds the routing key.
	 * @param value a value returned by {@link #parse(Object)}
	 * @return its JSON-native form
	 */
	public Object toWire(Object value) {
		return switch (this) {
			case INT, LONG, TEXT, BOOL -> value;
			case DECIMAL -> ((BigDecimal) value).toPlainString();
			case DATE, UUID -> value.toString();
			case TIMESTAMP -> ((OffsetDateTime) value).toInstant().toString();
		};
	}

	private static BigDecimal integral(Object raw, long min, long max) {
		BigDecimal number = switch (raw) {
			case Integer i -> BigDecimal.valueOf(i);
			case Long l -> BigDecimal.valueOf(l);
			case Short s -> BigDecimal.valueOf(s);
			case BigInteger big -> new BigDecimal(big);
			case BigDecimal big -> big;
			case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d);
			case Float f when Float.isFinite(f) -> BigDecimal.valueOf(f);
			default -> throw new IllegalArgumentException("must be an integer");
		};
		if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
			throw new IllegalArgumentException("must be an integer, not " + number.toPlainString());
		}
		if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
			throw new IllegalArgumentException("must be between " + min + " and " + max);
		}
		return number.setScale(0);
	}

	private static BigDecimal decimal(Object raw) {
		return switch (raw) {
			case BigDecimal big -> big;
			case BigInteger big -> new BigDecimal(big);
			case Integer i -> BigDecimal.valueOf(i);
			case Long l -> BigDecimal.valueOf(l);
			case Double d when Double.isFinite(d) -> new BigDecimal(d.toString());
			case Float f when Float.isFinite(f) -> new BigDecimal(f.toString());
			case String s -> {
				try {
					yield new BigDecimal(s.trim());
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("must be a decimal number, e.g. 12.50");
				}
			}
			default -> throw new IllegalArgumentException("must be a decimal number, e.g. 12.50");
		};
	}

	private static LocalDate date(Object raw) {
		String text = requireString(raw, "a date such as \"2026-11-22\"");
		try {
			return LocalDate.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("must be a date such as \"2026-11-22\", not \"" + text + "\"");
		}
	}

	private static OffsetDateTime timestamp(Object raw) {
		String text = requireString(raw, "an ISO-8601 timestamp such as \"2026-11-22T10:00:00Z\"");
		try {
			return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"must be an ISO-8601 timestamp with an offset, such as \"2026-11-22T10:00:00Z\", not \"" + text
							+ "\"");
		}
	}

	private static java.util.UUID uuid(Object raw) {
		String text = requireString(raw, "a UUID");
		try {
			java.util.UUID uuid = java.util.UUID.fromString(text);
			if (!uuid.toString().equalsIgnoreCase(text)) {
				throw new IllegalArgumentException();
			}
			return uuid;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("must be a UUID such as \"0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10\"");
		}
	}

	private static String requireString(Object raw, String what) {
		if (raw instanceof String text) {
			return text;
		}
		throw new IllegalArgumentException("must be " + what);
	}

}
