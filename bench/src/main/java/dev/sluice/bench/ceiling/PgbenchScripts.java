package dev.sluice.bench.ceiling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sluice.bench.workload.ParamGenerator;
import dev.sluice.bench.workload.Workload;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.catalog.ParamSpec;

/**
 * Turns each query of the workload into a pgbench script that runs the catalog's SQL with
 * parameters drawn the same way: Zipf ranks with pgbench's {@code random_zipfian}, list
 * values by a Zipf-drawn index, dates as offsets from the anchor day.
 */
final class PgbenchScripts {

	private final Catalog catalog;

	PgbenchScripts(Catalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * @param query one query of the workload
	 * @return the pgbench script text
	 */
	String script(Workload.WeightedQuery query) {
		CatalogQuery catalogQuery = this.catalog.find(query.name())
			.orElseThrow(
					() -> new IllegalArgumentException("workload query " + query.name() + " is not in the catalog"));
		StringBuilder script = new StringBuilder();
		Map<String, String> expressions = new LinkedHashMap<>();
		query.params()
			.forEach((name, generator) -> expressions.put(name, expression(name, generator, expressions, script)));
		String sql = catalogQuery.sql().jdbcSql().strip();
		List<String> order = catalogQuery.sql().parameterOrder();
		StringBuilder statement = new StringBuilder();
		int placeholder = 0;
		for (char c : sql.toCharArray()) {
			if (c == '?') {
				String name = order.get(placeholder++);
				ParamSpec spec = catalogQuery.params().get(name);
				String value = expressions.containsKey(name) ? expressions.get(name) : defaultValue(spec);
				statement.append('(').append(value).append(")::").append(sqlType(spec));
			}
			else {
				statement.append(c);
			}
		}
		return script.append(statement).append(";\n").toString();
	}

	private static String expression(String name, ParamGenerator generator, Map<String, String> earlier,
			StringBuilder script) {
		return switch (generator) {
			case ParamGenerator.Constant constant -> literal(constant.value());
			case ParamGenerator.Rank rank -> {
				script.append(zipf("p_" + name, rank.n(), rank.exponent()));
				yield ":p_" + name;
			}
			case ParamGenerator.OneOf oneOf -> {
				script.append(zipf("i_" + name, oneOf.values().size(), oneOf.exponent()));
				yield "(array[" + String.join(", ", oneOf.values().stream().map(PgbenchScripts::literal).toList())
						+ "])[:i_" + name + "]";
			}
			case ParamGenerator.DaysBefore days -> {
				script.append(zipf("d_" + name, days.maxDays(), days.exponent()));
				String day = "(date '" + days.anchor() + "' - (:d_" + name + " - 1))";
				yield days.timestamp() ? "(" + day + "::timestamp at time zone 'UTC')" : day;
			}
			case ParamGenerator.DaysAfter after -> "(" + earlier.get(after.param()) + " + " + after.days() + ")";
		};
	}

	/** A parameter the workload leaves out gets what the catalog binds for it. */
	private static String defaultValue(ParamSpec spec) {
		return (spec.defaultValue() != null) ? literal(spec.type().toWire(spec.defaultValue())) : "null";
	}

	private static String zipf(String variable, long n, double exponent) {
		// pgbench's random_zipfian needs n > 1 and an exponent of at least 1.001.
		if (n < 2) {
			return "\\set " + variable + " 1\n";
		}
		return "\\set " + variable + " random_zipfian(1, " + n + ", " + Math.max(1.001, exponent) + ")\n";
	}

	private static String literal(Object value) {
		return (value instanceof Number) ? value.toString() : "'" + value.toString().replace("'", "''") + "'";
	}

	private static String sqlType(ParamSpec spec) {
		return switch (spec.type()) {
			case INT -> "int";
			case LONG -> "bigint";
			case DECIMAL -> "numeric";
			case TEXT -> "text";
			case BOOL -> "boolean";
			case DATE -> "date";
			case TIMESTAMP -> "timestamptz";
			case UUID -> "uuid";
		};
	}

}
