package dev.sluice.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One named, parameterized read query of the catalog.
 *
 * <pre>{@code
 * Map<String, Object> values = query.bind(Map.of("customerId", 42));   // typed, defaults applied
 * Map<String, Object> wire = query.toWire(values);                     // for QuerySubmitted.params
 * Object[] args = query.jdbcArguments(values);                         // for the ? of sql().jdbcSql()
 * }</pre>
 *
 * @param name the catalog name
 * @param description what it returns, for the catalog listing
 * @param sql the SQL and its parameter positions
 * @param params the declared parameters, in declaration order
 * @param cacheTtl how long a worker may serve the result from its cache; zero disables
 * caching (identical in-flight executions are still shared)
 * @param timeout statement timeout on the database
 * @param maxRows rows beyond this are dropped and the result marked truncated
 * @param maxBytes the budget of one result, its rows as encoded JSON: a result over it
 * fails with {@code RESULT_TOO_LARGE}
 * @param queueTimeout the longest a query may wait in the queue before it starts; also
 * the default deadline
 */
public record CatalogQuery(String name, String description, SqlTemplate sql, Map<String, ParamSpec> params,
		Duration cacheTtl, Duration timeout, int maxRows, long maxBytes, Duration queueTimeout) {

	public CatalogQuery {
		params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
	}

	/**
	 * Validate submitted parameters and convert them to typed values.
	 * @param submitted the decoded JSON object of parameters; {@code null} values count
	 * as absent
	 * @return the typed values of every parameter that has one (given or default), in
	 * declaration order
	 * @throws InvalidParametersException naming each bad field as {@code params.<name>}
	 */
	public Map<String, Object> bind(@Nullable Map<String, ? extends @Nullable Object> submitted) {
		Map<String, ? extends @Nullable Object> given = (submitted != null) ? submitted : Map.of();
		List<FieldError> errors = new ArrayList<>();
		for (String name : given.keySet()) {
			if (!this.params.containsKey(name)) {
				errors.add(new FieldError("params." + name, "unknown parameter of query '" + this.name + "'; "
						+ (this.params.isEmpty() ? "it takes none" : "expected one of " + this.params.keySet())));
			}
		}
		Map<String, Object> values = new LinkedHashMap<>();
		this.params.forEach((name, spec) -> {
			Object raw = given.get(name);
			if (raw == null) {
				if (spec.required()) {
					errors.add(new FieldError("params." + name, "is required (" + spec.type().label() + ")"));
				}
				else if (spec.defaultValue() != null) {
					values.put(name, spec.defaultValue());
				}
				return;
			}
			try {
				values.put(name, spec.accept(raw));
			}
			catch (IllegalArgumentException ex) {
				errors.add(new FieldError("params." + name, ex.getMessage()));
			}
		});
		if (!errors.isEmpty()) {
			throw new InvalidParametersException(errors);
		}
		return values;
	}

	/**
	 * The wire form of bound values, for {@code QuerySubmitted.params} and the routing
	 * key.
	 * @param values values returned by {@link #bind(Map)}
	 * @return JSON-native values, in declaration order
	 */
	public Map<String, Object> toWire(Map<String, Object> values) {
		Map<String, Object> wire = new LinkedHashMap<>();
		values.forEach((name, value) -> wire.put(name, this.params.get(name).type().toWire(value)));
		return wire;
	}

	/**
	 * The JDBC arguments for {@link SqlTemplate#jdbcSql()}, one per {@code ?}.
	 * @param values values returned by {@link #bind(Map)}; an optional parameter without
	 * value binds SQL NULL
	 * @return the arguments in placeholder order
	 */
	public @Nullable Object[] jdbcArguments(Map<String, Object> values) {
		return this.sql.parameterOrder().stream().map(values::get).toArray();
	}

	/**
	 * The declared type of each {@code ?} of {@link SqlTemplate#jdbcSql()}, so that an
	 * argument is bound as its catalog type even when it is NULL.
	 * @return the types in placeholder order, beside {@link #jdbcArguments(Map)}
	 */
	public ParamType[] jdbcTypes() {
		return this.sql.parameterOrder().stream().map((name) -> this.params.get(name).type()).toArray(ParamType[]::new);
	}

}
