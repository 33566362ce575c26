package dev.sluice.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A declared parameter of a catalog query, with its constraints. Values ({@code
 * defaultValue}, {@code values}) are already in the type's Java form.
 *
 * @param name the parameter name, as written after {@code :} in the SQL
 * @param type its type
 * @param required whether a request must give it
 * @param defaultValue the value used when a request omits it, or {@code null}
 * @param min the smallest accepted number, or {@code null}
 * @param max the largest accepted number, or {@code null}
 * @param maxLength the longest accepted text, in characters, or {@code null}
 * @param values the only accepted values, or an empty list for any
 */
public record ParamSpec(String name, ParamType type, boolean required, @Nullable Object defaultValue,
		@Nullable BigDecimal min, @Nullable BigDecimal max, @Nullable Integer maxLength, List<Object> values) {

	public ParamSpec {
		values = List.copyOf(values);
	}

	/**
	 * Parse and check one submitted value.
	 * @param raw the decoded JSON value, never {@code null}
	 * @return the Java value
	 * @throws IllegalArgumentException with a message fit for a client
	 */
	public Object accept(Object raw) {
		Object value = this.type.parse(raw);
		if (this.min != null && asDecimal(value).compareTo(this.min) < 0) {
			throw new IllegalArgumentException("must be at least " + this.min.toPlainString());
		}
		if (this.max != null && asDecimal(value).compareTo(this.max) > 0) {
			throw new IllegalArgumentException("must be at most " + this.max.toPlainString());
		}
		if (this.maxLength != null && value instanceof String text
				&& text.codePointCount(0, text.length()) > this.maxLength) {
			throw new IllegalArgumentException("must be at most " + this.maxLength + " characters long");
		}
		if (!this.values.isEmpty() && this.values.stream().noneMatch((allowed) -> sameValue(allowed, value))) {
			throw new IllegalArgumentException(
					"must be one of " + this.values.stream().map(this.type::toWire).toList());
		}
		return value;
	}

	/**
	 * The public description of this parameter, as {@code GET /v1/catalog} shows it.
	 * @return type and constraints in wire form; absent constraints are left out
	 */
	public Map<String, Object> describe() {
		Map<String, Object> described = new java.util.LinkedHashMap<>();
		described.put("type", this.type.label());
		described.put("required", this.required);
		if (this.defaultValue != null) {
			described.put("default", this.type.toWire(this.defaultValue));
		}
		if (this.min != null) {
			described.put("min", this.min);
		}
		if (this.max != null) {
			described.put("max", this.max);
		}
		if (this.maxLength != null) {
			described.put("maxLength", this.maxLength);
		}
		if (!this.values.isEmpty()) {
			described.put("values", this.values.stream().map(this.type::toWire).toList());
		}
		return described;
	}

	private static BigDecimal asDecimal(Object value) {
		return switch (value) {
			case BigDecimal big -> big;
			case Integer i -> BigDecimal.valueOf(i);
			case Long l -> BigDecimal.valueOf(l);
			default -> throw new IllegalStateException("min and max apply to numbers only, not " + value);
		};
	}

	private static boolean sameValue(Object allowed, Object value) {
		if (allowed instanceof BigDecimal a && value instanceof BigDecimal b) {
			return a.compareTo(b) == 0;
		}
		return allowed.equals(value);
	}

}
