package dev.sluice.devstack.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import dev.sluice.devstack.metrics.PrometheusText.Sample;
import org.jspecify.annotations.Nullable;

/**
 * Rates, ratios and quantiles between two scrapes of the stack's processes, computed the
 * way Prometheus would: per series, a counter that went down was reset (the process
 * restarted) and counts from zero; a process missing from either scrape is left out.
 * Every answer is {@code null} when the metric is absent or nothing happened, so the
 * status line can print "-".
 */
final class MetricsWindow {

	private final Scrape before;

	private final Scrape after;

	MetricsWindow(Scrape before, Scrape after) {
		this.before = before;
		this.after = after;
	}

	double seconds() {
		return (this.after.nanos() - this.before.nanos()) / 1e9;
	}

	/**
	 * The per-second rate of a counter, summed over every process and series.
	 * @param name the counter, e.g. {@code sluice_db_queries_total}
	 * @param filter which series count
	 * @return events per second, or {@code null} if no process exposes the counter
	 */
	@Nullable Double rate(String name, Predicate<Sample> filter) {
		Double increase = increase(name, filter);
		return (increase == null || seconds() <= 0) ? null : increase / seconds();
	}

	/**
	 * The share of a counter's increase that matches {@code part}.
	 * @param name the counter
	 * @param part which series are the numerator
	 * @return a ratio from 0 to 1, or {@code null} if the counter is absent or did not
	 * move
	 */
	@Nullable Double ratio(String name, Predicate<Sample> part) {
		Double whole = increase(name, (sample) -> true);
		Double matching = increase(name, part);
		return (whole == null || matching == null || whole <= 0) ? null : matching / whole;
	}

	/**
	 * The latest value of a gauge, summed over every process.
	 * @param name the gauge
	 * @return the sum, or {@code null} if no process exposes it
	 */
	@Nullable Double gauge(String name) {
		Double sum = null;
		for (List<Sample> samples : this.after.samples().values()) {
			for (Sample sample : samples) {
				if (sample.name().equals(name) && !Double.isNaN(sample.value())) {
					sum = ((sum != null) ? sum : 0) + sample.value();
				}
			}
		}
		return sum;
	}

	/**
	 * A quantile of the observations a histogram got in this window, interpolated within
	 * the bucket as {@code histogram_quantile} does.
	 * @param histogram the histogram's base name, e.g.
	 * {@code sluice_query_end_to_end_seconds}
	 * @param quantile from 0 to 1
	 * @return the quantile in the histogram's unit, or {@code null} if it has no buckets
	 * or no observations in the window
	 */
	@Nullable Double quantile(String histogram, double quantile) {
		String bucketName = histogram + "_bucket";
		TreeMap<Double, Double> buckets = new TreeMap<>();
		for (Sample sample : bucketSeries(bucketName)) {
			double le = Double.parseDouble(sample.labels().get("le").replace("+Inf", "Infinity"));
			Double increase = increase(bucketName, (candidate) -> candidate.labels().equals(sample.labels()));
			if (increase != null) {
				buckets.merge(le, increase, Double::sum);
			}
		}
		if (buckets.isEmpty() || buckets.lastKey() != Double.POSITIVE_INFINITY) {
			return null;
		}
		double total = buckets.lastEntry().getValue();
		if (total <= 0) {
			return null;
		}
		double rank = quantile * total;
		double lowerBound = 0;
		double lowerCount = 0;
		for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
			if (bucket.getValue() >= rank) {
				if (bucket.getKey() == Double.POSITIVE_INFINITY) {
					return lowerBound;
				}
				double inBucket = bucket.getValue() - lowerCount;
				return (inBucket <= 0) ? bucket.getKey()
						: lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
			}
			lowerBound = bucket.getKey();
			lowerCount = bucket.getValue();
		}
		return null;
	}

	private List<Sample> bucketSeries(String bucketName) {
		List<Sample> distinct = new ArrayList<>();
		Set<Map<String, String>> seen = new HashSet<>();
		for (List<Sample> samples : this.after.samples().values()) {
			for (Sample sample : samples) {
				if (sample.name().equals(bucketName) && sample.labels().containsKey("le")
						&& seen.add(sample.labels())) {
					distinct.add(sample);
				}
			}
		}
		return distinct;
	}

	private @Nullable Double increase(String name, Predicate<Sample> filter) {
		Double total = null;
		for (Map.Entry<String, List<Sample>> target : this.after.samples().entrySet()) {
			List<Sample> earlier = this.before.samples().get(target.getKey());
			if (earlier == null) {
				continue;
			}
			Map<Map<String, String>, Double> previous = new HashMap<>();
			for (Sample sample : earlier) {
				if (sample.name().equals(name)) {
					previous.put(sample.labels(), sample.value());
				}
			}
			for (Sample sample : target.getValue()) {
				if (sample.name().equals(name) && filter.test(sample)) {
					double from = previous.getOrDefault(sample.labels(), 0.0);
					double increase = (sample.value() >= from) ? sample.value() - from : sample.value();
					total = ((total != null) ? total : 0) + increase;
				}
			}
		}
		return total;
	}

	/**
	 * What every process answered at one moment.
	 *
	 * @param nanos when, from {@link System#nanoTime()}
	 * @param samples per process name, its samples; a process that did not answer is
	 * absent
	 */
	record Scrape(long nanos, Map<String, List<Sample>> samples) {
	}

}
