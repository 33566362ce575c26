package dev.sluice.client;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client's JSON mapper. Numbers are read as {@link Long} and
 * {@link java.math.BigDecimal} exactly as written (trailing zeros kept), so that the
 * values of {@code json} and {@code jsonb} columns lose nothing; unknown fields are
 * ignored, since the server may add fields to any document.
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.USE_LONG_FOR_INTS)
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	private Json() {
	}

}
