package dev.sluice.ingress.submit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.catalog.FieldError;
import dev.sluice.catalog.InvalidParametersException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a {@code POST /v1/queries} body against the catalog and collects every problem,
 * not just the first, each with the field it concerns: {@code body}, {@code query},
 * {@code timeoutMs}, {@code params.<name>} or an unknown top-level field.
 *
 * <p>
 * Numbers with a fraction are read as {@link java.math.BigDecimal}, so a decimal
 * parameter keeps every digit the client sent; duplicate fields are refused rather than
 * letting the last one win silently.
 */
final class SubmissionParser {

	static final String UNKNOWN = "unknown";

	private static final Set<String> FIELDS = Set.of("query", "params", "timeoutMs");

	private static final String EXAMPLE = "{\"query\": \"...\", \"params\": {...}}";

	private static final Logger logger = LoggerFactory.getLogger(SubmissionParser.class);

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private final Catalog catalog;

	SubmissionParser(Catalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * Validate a body.
	 * @param body the raw request body
	 * @return the submission
	 * @throws InvalidSubmissionException naming every bad field
	 */
	Submission parse(byte[] body) {
		JsonNode root = readJson(body);
		List<FieldError> errors = new ArrayList<>();
		root.propertyNames()
			.stream()
			.filter((name) -> !FIELDS.contains(name))
			.sorted()
			.forEach((name) -> errors.add(new FieldError(name, "unknown field; expected query, params, timeoutMs")));
		Optional<CatalogQuery> query = query(root.get("query"), errors);
		Duration queueWait = queueWait(query.orElse(null), root.get("timeoutMs"), errors);
		Map<String, Object> params = params(root.get("params"), errors);
		Map<String, Object> wire = null;
		if (query.isPresent() && params != null) {
			try {
				wire = query.get().toWire(query.get().bind(params));
			}
			catch (InvalidParametersException ex) {
				errors.addAll(ex.errors());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidSubmissionException(errors, query.isPresent() ? Rejection.INVALID : reasonWithout(root),
					query.map(CatalogQuery::name).orElse(UNKNOWN));
		}
		return new Submission(query.get(), wire, queueWait);
	}

	private static JsonNode readJson(byte[] body) {
		if (body.length == 0) {
			throw invalidBody("is empty; send a JSON object such as " + EXAMPLE);
		}
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			// Jackson's own message is for this log: it quotes the body and names
			// Jackson's internals. The client gets the position.
			logger.debug("Refused a submission body that is not valid JSON: {}", ex.getOriginalMessage());
			String where = (ex.getLocation() != null)
					? " at line " + ex.getLocation().getLineNr() + ", column " + ex.getLocation().getColumnNr() : "";
			throw invalidBody("is not one valid JSON object" + where
					+ " (a syntax error, a field given twice, or more after the object); send a JSON object such as "
					+ EXAMPLE);
		}
		catch (NumberFormatException ex) {
			// Jackson throws this one unwrapped, for a number such as 1e9999999999 that
			// no decimal holds.
			logger.debug("Refused a submission body with a number too large to read: {}", ex.getMessage());
			throw invalidBody("holds a number too large to read; send numbers that fit a decimal");
		}
		if (root == null || !root.isObject()) {
			throw invalidBody("must be a JSON object such as " + EXAMPLE);
		}
		return root;
	}

	private Optional<CatalogQuery> query(@Nullable JsonNode node, List<FieldError> errors) {
		if (node == null || node.isNull()) {
			errors.add(new FieldError("query", "is required: the name of a catalog query (GET /v1/catalog)"));
			return Optional.empty();
		}
		if (!node.isString() || node.stringValue().isBlank()) {
			errors.add(new FieldError("query", "must be the name of a catalog query, as a string"));
			return Optional.empty();
		}
		Optional<CatalogQuery> found = this.catalog.find(node.stringValue());
		if (found.isEmpty()) {
			errors.add(new FieldError("query",
					"unknown query '" + abbreviate(node.stringValue()) + "'; GET /v1/catalog lists the queries"));
		}
		return found;
	}

	private static @Nullable Duration queueWait(@Nullable CatalogQuery query, @Nullable JsonNode node,
			List<FieldError> errors) {
		Duration limit = (query != null) ? query.queueTimeout() : null;
		if (node == null || node.isNull()) {
			return limit;
		}
		if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
			errors.add(new FieldError("timeoutMs", "must be a positive whole number of milliseconds"));
			return limit;
		}
		Duration requested = Duration.ofMillis(node.longValue());
		return (limit != null && requested.compareTo(limit) > 0) ? limit : requested;
	}

	private static @Nullable Map<String, @Nullable Object> params(@Nullable JsonNode node, List<FieldError> errors) {
		if (node == null || node.isNull()) {
			return Map.of();
		}
		if (!node.isObject()) {
			errors.add(new FieldError("params", "must be a JSON object of parameter names to values"));
			return null;
		}
		Map<String, @Nullable Object> params = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> param : node.properties()) {
			params.put(param.getKey(), value(param.getValue()));
		}
		return params;
	}

	/** The Java value the catalog's parameter types accept for a JSON value. */
	private static @Nullable Object value(JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		if (node.isNumber()) {
			return node.isIntegralNumber() ? node.numberValue() : node.decimalValue();
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		// Arrays and objects are no parameter type; the catalog refuses them by type.
		return node;
	}

	private static Rejection reasonWithout(JsonNode root) {
		JsonNode query = root.get("query");
		return (query != null && query.isString() && !query.stringValue().isBlank()) ? Rejection.UNKNOWN_QUERY
				: Rejection.INVALID;
	}

	private static String abbreviate(String text) {
		return (text.length() <= 100) ? text : text.substring(0, 100) + "...";
	}

	static InvalidSubmissionException invalidBody(String problem) {
		return new InvalidSubmissionException(List.of(new FieldError("body", problem)), Rejection.INVALID, UNKNOWN);
	}

}
