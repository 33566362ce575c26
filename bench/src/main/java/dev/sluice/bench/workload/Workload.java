package dev.sluice.bench.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import dev.sluice.contract.JsonCodec;

/**
 * The query mix of every load scenario, read from {@code k6/workload.json} (packaged as
 * {@code bench/workload.json}), so the Java load driver and the k6 scripts draw the same
 * queries with the same Zipf-skewed parameters.
 *
 * <pre>{@code
 * Workload workload = Workload.load(Map.of("customers", 1000L));  // demo data loaded at scale 0.01
 * WorkItem item = workload.next(ThreadLocalRandom.current());
 * }</pre>
 *
 * Thread-safe.
 */
public final class Workload {

	private static final String RESOURCE = "bench/workload.json";

	private final List<WeightedQuery> queries;

	private final double totalWeight;

	private Workload(List<WeightedQuery> queries) {
		this.queries = List.copyOf(queries);
		this.totalWeight = queries.stream().mapToDouble(WeightedQuery::weight).sum();
	}

	/**
	 * Read the bundled workload.
	 * @param sizes overrides of its {@code sizes} (e.g. {@code customers}), for demo data
	 * loaded at another scale
	 * @return the workload
	 */
	public static Workload load(Map<String, Long> sizes) {
		try (InputStream in = Workload.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is not on the classpath; the bench build copies it from "
						+ "k6/workload.json, so rebuild the bench module");
			}
			return parse(JsonCodec.MAPPER.readValue(in, Map.class), sizes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
	}

	public List<WeightedQuery> queries() {
		return this.queries;
	}

	/**
	 * Draw the next query by weight, and its parameters.
	 * @param random the random source
	 * @return the query
	 */
	public WorkItem next(RandomGenerator random) {
		double pick = random.nextDouble() * this.totalWeight;
		WeightedQuery chosen = this.queries.getLast();
		for (WeightedQuery query : this.queries) {
			pick -= query.weight();
			if (pick < 0) {
				chosen = query;
				break;
			}
		}
		Map<String, Object> params = new LinkedHashMap<>();
		chosen.params().forEach((name, generator) -> params.put(name, generator.draw(random, params)));
		return new WorkItem(chosen.name(), params);
	}

	@SuppressWarnings("unchecked")
	private static Workload parse(Map<String, Object> doc, Map<String, Long> sizeOverrides) {
		double exponent = ((Number) doc.get("zipfExponent")).doubleValue();
		LocalDate anchor = LocalDate.parse((String) doc.get("anchorDate"));
		Map<String, Long> sizes = new LinkedHashMap<>();
		((Map<String, Number>) doc.get("sizes")).forEach((name, size) -> sizes.put(name, size.longValue()));
		sizes.putAll(sizeOverrides);
		List<WeightedQuery> queries = new ArrayList<>();
		for (Map<String, Object> query : (List<Map<String, Object>>) doc.get("queries")) {
			Map<String, ParamGenerator> params = new LinkedHashMap<>();
			((Map<String, Map<String, Object>>) query.get("params")).forEach((name, spec) -> params.put(name,
					generator(query.get("name") + "." + name, spec, exponent, anchor, sizes)));
			queries.add(new WeightedQuery((String) query.get("name"), ((Number) query.get("weight")).doubleValue(),
					params));
		}
		return new Workload(queries);
	}

	@SuppressWarnings("unchecked")
	private static ParamGenerator generator(String where, Map<String, Object> spec, double exponent, LocalDate anchor,
			Map<String, Long> sizes) {
		if (spec.containsKey("value")) {
			return new ParamGenerator.Constant(spec.get("value"));
		}
		if (spec.get("zipf") instanceof Number n) {
			return new ParamGenerator.Rank(n.longValue(), exponent);
		}
		if (spec.get("zipf") instanceof String size) {
			Long n = sizes.get(size);
			if (n == null) {
				throw new IllegalArgumentException(
						"workload.json " + where + ": zipf names size '" + size + "', not one of " + sizes.keySet());
			}
			return new ParamGenerator.Rank(n, exponent);
		}
		if (spec.get("oneOf") instanceof List<?> values) {
			return new ParamGenerator.OneOf((List<Object>) values, exponent);
		}
		if (spec.get("daysBefore") instanceof Number days) {
			return new ParamGenerator.DaysBefore(anchor, days.longValue(), exponent,
					"timestamp".equals(spec.get("as")));
		}
		if (spec.get("daysAfter") instanceof String param) {
			return new ParamGenerator.DaysAfter(param, ((Number) spec.get("days")).longValue());
		}
		throw new IllegalArgumentException("workload.json " + where + ": unknown parameter generator " + spec);
	}

	/**
	 * One query of the mix.
	 *
	 * @param name the catalog name
	 * @param weight its share of the mix, relative to the others
	 * @param params how each parameter is drawn, in order
	 */
	public record WeightedQuery(String name, double weight, Map<String, ParamGenerator> params) {

		public WeightedQuery {
			params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
		}

	}

}
