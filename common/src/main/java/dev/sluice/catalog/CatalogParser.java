package dev.sluice.catalog;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sluice.contract.TopicLayout;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the YAML catalog format into {@link CatalogQuery} instances, refusing anything it
 * does not understand with a message that names the query and the field.
 */
final class CatalogParser {

	private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

	private static final Set<String> QUERY_FIELDS = Set.of("description", "sql", "params", "cacheTtl", "timeout",
			"maxRows", "maxBytes", "queueTimeout");

	private static final Set<String> PARAM_FIELDS = Set.of("type", "required", "default", "min", "max", "maxLength",
			"values");

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(30);

	private static final int DEFAULT_MAX_ROWS = 1000;

	/** The result budget when a query sets none: half of what one Kafka record holds. */
	static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;

	private static final Pattern BYTES = Pattern.compile("(\\d+)\\s*(B|KB|MB)", Pattern.CASE_INSENSITIVE);

	private final String source;

	CatalogParser(String source) {
		this.source = source;
	}

	Map<String, CatalogQuery> parse(String yaml) {
		Object document;
		try {
			document = yaml().load(yaml);
		}
		catch (YAMLException ex) {
			throw new CatalogException("catalog " + this.source + ": not valid YAML: " + ex.getMessage(), ex);
		}
		if (!(document instanceof Map<?, ?> root) || !(root.get("queries") instanceof Map<?, ?> entries)) {
			throw new CatalogException("catalog " + this.source + ": expected a top-level 'queries:' mapping");
		}
		for (Object key : root.keySet()) {
			if (!"queries".equals(key)) {
				throw new CatalogException("catalog " + this.source + ": unknown top-level field '" + key
						+ "'; only 'queries' is allowed");
			}
		}
		if (entries.isEmpty()) {
			throw new CatalogException("catalog " + this.source + ": 'queries' is empty");
		}
		Map<String, CatalogQuery> queries = new LinkedHashMap<>();
		entries.forEach((name, body) -> queries.put(String.valueOf(name), query(String.valueOf(name), body)));
		return queries;
	}

	private CatalogQuery query(String name, @Nullable Object body) {
		Where where = new Where(this.source, name);
		if (!NAME.matcher(name).matches()) {
			throw where.fail("name", "must start with a letter and hold only letters, digits and '_'");
		}
		Map<String, @Nullable Object> fields = where.mapping("", body);
		where.onlyKnown("", fields, QUERY_FIELDS);
		if (!(fields.get("sql") instanceof String sqlText) || sqlText.isBlank()) {
			throw where.fail("sql", "is required and must be a string");
		}
		Map<String, ParamSpec> params = new LinkedHashMap<>();
		if (fields.get("params") != null) {
			where.mapping("params", fields.get("params"))
				.forEach((param, spec) -> params.put(param, new ParamParser(where, param).parse(spec)));
		}
		SqlTemplate sql = SqlTemplate.parse(sqlText);
		checkParametersMatch(where, sql, params);
		Duration cacheTtl = duration(where, "cacheTtl", fields.get("cacheTtl"), Duration.ZERO);
		Duration timeout = duration(where, "timeout", fields.get("timeout"), DEFAULT_TIMEOUT);
		Duration queueTimeout = duration(where, "queueTimeout", fields.get("queueTimeout"), DEFAULT_QUEUE_TIMEOUT);
		if (timeout.isZero() || queueTimeout.isZero()) {
			throw where.fail(timeout.isZero() ? "timeout" : "queueTimeout", "must be greater than zero");
		}
		int maxRows = DEFAULT_MAX_ROWS;
		if (fields.get("maxRows") != null) {
			if (!(fields.get("maxRows") instanceof Integer rows) || rows < 1) {
				throw where.fail("maxRows", "must be a whole number of at least 1, not " + fields.get("maxRows"));
			}
			maxRows = rows;
		}
		long maxBytes = bytes(where, fields.get("maxBytes"));
		String description = (fields.get("description") != null) ? String.valueOf(fields.get("description")).trim()
				: "";
		return new CatalogQuery(name, description, sql, params, cacheTtl, timeout, maxRows, maxBytes, queueTimeout);
	}

	/**
	 * A byte size: a whole number of bytes, or a number with {@code B}, {@code KB} or
	 * {@code MB} (binary multiples), at most {@link TopicLayout#MAX_MESSAGE_BYTES}.
	 */
	private static long bytes(Where where, @Nullable Object value) {
		if (value == null) {
			return DEFAULT_MAX_BYTES;
		}
		long bytes = -1;
		if (value instanceof Integer whole) {
			bytes = whole;
		}
		else if (value instanceof String text) {
			Matcher matcher = BYTES.matcher(text.trim());
			if (matcher.matches()) {
				long unit = switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
					case "KB" -> 1024;
					case "MB" -> 1024 * 1024;
					default -> 1;
				};
				bytes = Long.parseLong(matcher.group(1)) * unit;
			}
		}
		if (bytes < 1 || bytes > TopicLayout.MAX_MESSAGE_BYTES) {
			throw where.fail("maxBytes",
					"must be a size such as 512KB or 4MB, at least 1 byte and at most "
							+ (TopicLayout.MAX_MESSAGE_BYTES / (1024 * 1024)) + "MB (what one Kafka record holds), not "
							+ value);
		}
		return bytes;
	}

	private static void checkParametersMatch(Where where, SqlTemplate sql, Map<String, ParamSpec> params) {
		Set<String> used = new LinkedHashSet<>(sql.parameterOrder());
		for (String name : used) {
			if (!params.containsKey(name)) {
				throw where.fail("sql", "uses parameter ':" + name + "' that is not declared under params");
			}
		}
		for (String name : params.keySet()) {
			if (!used.contains(name)) {
				throw where.fail("params." + name, "is declared but the sql never uses ':" + name + "'");
			}
		}
	}

	private static Duration duration(Where where, String field, @Nullable Object value, Duration fallback) {
		if (value == null) {
			return fallback;
		}
		try {
			return Durations.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw where.fail(field, ex.getMessage());
		}
	}

	private static Yaml yaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		DumperOptions dumper = new DumperOptions();
		return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new NoTimestamps());
	}

	/** Where in the catalog a problem is, for error messages. */
	record Where(String source, String query) {

		CatalogException fail(String field, String problem) {
			return new CatalogException(
					"catalog " + this.source + ": query '" + this.query + "': " + field + ": " + problem);
		}

		@SuppressWarnings("unchecked")
		Map<String, @Nullable Object> mapping(String field, @Nullable Object value) {
			if (!(value instanceof Map<?, ?> map)) {
				throw fail(field.isEmpty() ? "definition" : field, "must be a mapping");
			}
			return (Map<String, @Nullable Object>) map;
		}

		void onlyKnown(String prefix, Map<String, @Nullable Object> fields, Set<String> known) {
			for (String key : fields.keySet()) {
				if (!known.contains(key)) {
					throw fail(prefix + key, "unknown field; expected one of " + known.stream().sorted().toList());
				}
			}
		}

	}

	/** Reads one parameter declaration. */
	private record ParamParser(Where where, String name) {

		ParamSpec parse(@Nullable Object declaration) {
			String field = "params." + this.name;
			if (!NAME.matcher(this.name).matches()) {
				throw this.where.fail(field,
						"parameter names must start with a letter and hold only letters, " + "digits and '_'");
			}
			Map<String, @Nullable Object> spec = (declaration instanceof String typeOnly) ? Map.of("type", typeOnly)
					: this.where.mapping(field, declaration);
			this.where.onlyKnown(field + ".", spec, PARAM_FIELDS);
			ParamType type = ParamType.fromLabel(String.valueOf(spec.get("type")));
			if (type == null) {
				throw this.where.fail(field + ".type", "'" + spec.get("type") + "' is not one of "
						+ Arrays.stream(ParamType.values()).map(ParamType::label).toList());
			}
			boolean required = Boolean.TRUE.equals(spec.get("required"));
			if (spec.get("required") != null && !(spec.get("required") instanceof Boolean)) {
				throw this.where.fail(field + ".required", "must be true or false");
			}
			BigDecimal min = number(spec, "min", type);
			BigDecimal max = number(spec, "max", type);
			if (min != null && max != null && min.compareTo(max) > 0) {
				throw this.where.fail(field + ".min", "is greater than max");
			}
			Integer maxLength = maxLength(spec, type);
			List<Object> values = new ArrayList<>();
			if (spec.get("values") != null) {
				if (!(spec.get("values") instanceof List<?> list) || list.isEmpty()) {
					throw this.where.fail(field + ".values", "must be a non-empty list");
				}
				for (Object value : list) {
					values.add(typed(type, value, "values"));
				}
			}
			ParamSpec unchecked = new ParamSpec(this.name, type, required, null, min, max, maxLength, values);
			Object defaultValue = null;
			if (spec.get("default") != null) {
				if (required) {
					throw this.where.fail(field + ".default", "a required parameter cannot have a default");
				}
				try {
					defaultValue = unchecked.accept(spec.get("default"));
				}
				catch (IllegalArgumentException ex) {
					throw this.where.fail(field + ".default", ex.getMessage());
				}
			}
			return new ParamSpec(this.name, type, required, defaultValue, min, max, maxLength, values);
		}

		private @Nullable BigDecimal number(Map<String, @Nullable Object> spec, String constraint, ParamType type) {
			Object value = spec.get(constraint);
			if (value == null) {
				return null;
			}
			if (!type.isNumeric()) {
				throw this.where.fail("params." + this.name + "." + constraint,
						"applies to int, long and decimal only, not " + type.label());
			}
			try {
				return (BigDecimal) ParamType.DECIMAL.parse(value instanceof Number ? value : String.valueOf(value));
			}
			catch (IllegalArgumentException ex) {
				throw this.where.fail("params." + this.name + "." + constraint, "'" + value + "' " + ex.getMessage());
			}
		}

		private @Nullable Integer maxLength(Map<String, @Nullable Object> spec, ParamType type) {
			Object value = spec.get("maxLength");
			if (value == null) {
				return null;
			}
			String field = "params." + this.name + ".maxLength";
			if (type != ParamType.TEXT) {
				throw this.where.fail(field, "applies to text only, not " + type.label());
			}
			if (!(value instanceof Integer length) || length < 1) {
				throw this.where.fail(field, "must be a whole number of at least 1");
			}
			return length;
		}

		private Object typed(ParamType type, Object value, String constraint) {
			try {
				return type.parse(value);
			}
			catch (IllegalArgumentException ex) {
				throw this.where.fail("params." + this.name + "." + constraint, "'" + value + "' " + ex.getMessage());
			}
		}

	}

	/**
	 * YAML 1.1's implicit types would turn {@code default: 2026-01-01} into a
	 * {@code java.util.Date} and a parameter named {@code on} or {@code no} into a
	 * boolean. Here dates stay strings, parsed by their parameter type, and only
	 * {@code true} and {@code false} are booleans.
	 */
	private static final class NoTimestamps extends Resolver {

		private static final Pattern TRUE_OR_FALSE = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

		@Override
		protected void addImplicitResolvers() {
			addImplicitResolver(Tag.BOOL, TRUE_OR_FALSE, "tTfF");
			addImplicitResolver(Tag.INT, INT, "-+0123456789");
			addImplicitResolver(Tag.FLOAT, FLOAT, "-+.0123456789");
			addImplicitResolver(Tag.MERGE, MERGE, "<");
			addImplicitResolver(Tag.NULL, NULL, "~nN\0");
			addImplicitResolver(Tag.NULL, EMPTY, null);
		}

	}

}
