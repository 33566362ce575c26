package dev.sluice.contract;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingKeyTests {

	private static Map<String, Object> params(Object... namesAndValues) {
		Map<String, Object> params = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			params.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return params;
	}

	@Test
	void key_is32LowercaseHexChars() {
		assertThat(RoutingKey.of("customer_orders", params("customerId", 42L, "limit", 20))).matches("[0-9a-f]{32}");
		assertThat(RoutingKey.of("ping", Map.of())).matches("[0-9a-f]{32}");
	}

	@Test
	void key_isStableAcrossReleases() {
		// Workers and ingresses of different versions share partitions and caches during
		// a
		// rolling upgrade: the key of a given query must never change.
		assertThat(RoutingKey.of("customer_orders", params("customerId", 42L, "limit", 20)))
			.isEqualTo("6fa9e4dcce5f14b62f99aa4d7e145733");
	}

	@Test
	void sameKey_forReorderedParameters() {
		String key = RoutingKey.of("q", params("a", 1, "b", "x", "c", true));

		assertThat(RoutingKey.of("q", params("c", true, "a", 1, "b", "x"))).isEqualTo(key);
		assertThat(RoutingKey.of("q", Map.of("b", "x", "c", true, "a", 1))).isEqualTo(key);
	}

	@Test
	void sameKey_afterJsonRoundTrip() {
		// The ingress keys with a Long; a worker that decodes the same JSON gets an
		// Integer. Both must find the same cache entry.
		Map<String, Object> wire = params("customerId", 42L, "since", "2026-11-22T10:00:00Z", "price", "12.50");

		Map<?, ?> decoded = JsonCodec.MAPPER.readValue(JsonCodec.encode(wire), Map.class);

		assertThat(decoded.get("customerId")).isInstanceOf(Integer.class);
		@SuppressWarnings("unchecked")
		Map<String, Object> decodedParams = (Map<String, Object>) decoded;
		assertThat(RoutingKey.of("q", decodedParams)).isEqualTo(RoutingKey.of("q", wire));
	}

	@Test
	void differentKey_forOtherQueryName() {
		Map<String, Object> params = params("customerId", 42L);

		assertThat(RoutingKey.of("customer_by_id", params)).isNotEqualTo(RoutingKey.of("customer_orders", params));
	}

	@Test
	void differentKey_forOtherValue() {
		assertThat(RoutingKey.of("q", params("customerId", 42L, "limit", 20)))
			.isNotEqualTo(RoutingKey.of("q", params("customerId", 42L, "limit", 21)));
	}

	@Test
	void differentKey_forSameValueUnderOtherName() {
		assertThat(RoutingKey.of("q", params("from", "2026-01-01")))
			.isNotEqualTo(RoutingKey.of("q", params("to", "2026-01-01")));
	}

	@Test
	void differentKey_withAndWithoutOptionalParameter() {
		assertThat(RoutingKey.of("q", params("a", "x"))).isNotEqualTo(RoutingKey.of("q", params("a", "x", "b", "")));
		assertThat(RoutingKey.of("q", Map.of())).isNotEqualTo(RoutingKey.of("q", params("a", "")));
	}

	@Test
	void differentKey_whenTextValueLooksLikeAnotherParameter() {
		// A text value may hold any character JSON allows, including NUL; it must not be
		// able to impersonate a second parameter and be served that query's cached rows.
		assertThat(RoutingKey.of("q", params("a", "x\u0000b=y")))
			.isNotEqualTo(RoutingKey.of("q", params("a", "x", "b", "y")));
	}

}
