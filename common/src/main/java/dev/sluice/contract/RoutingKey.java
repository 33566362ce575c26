package dev.sluice.contract;

import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kafka key of a {@link QuerySubmitted} record and the cache key of its result: a
 * hash of the query name and its canonical parameters. Identical queries get identical
 * keys, so they land on the same partition and worker, where cache hits and coalescing
 * work across the whole fleet.
 *
 * <pre>{@code
 * String key = RoutingKey.of("customer_orders", Map.of("customerId", 42, "limit", 20));
 * }</pre>
 */
public final class RoutingKey {

	private RoutingKey() {
	}

	/**
	 * Compute the routing key.
	 * @param query the catalog name
	 * @param wireParams the parameters in wire form, defaults applied; order does not
	 * matter. The catalog fixes each parameter's type, so the text of a value is enough
	 * to tell it apart.
	 * @return 32 lowercase hex characters
	 */
	public static String of(String query, Map<String, Object> wireParams) {
		StringBuilder canonical = new StringBuilder(query);
		new TreeMap<>(wireParams)
			.forEach((name, value) -> canonical.append('\u0000').append(name).append('=').append(escaped(value)));
		return HexFormat.of().formatHex(Sha256.of(canonical.toString()), 0, 16);
	}

	/** Keeps the separator out of values, so that no two parameter sets share a key. */
	private static String escaped(Object value) {
		return String.valueOf(value).replace("\\", "\\\\").replace("\u0000", "\\0");
	}

}
