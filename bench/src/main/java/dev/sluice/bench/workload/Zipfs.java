package dev.sluice.bench.workload;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Samplers by (n, exponent): building one costs a few logarithms, drawing from it none.
 */
final class Zipfs {

	private static final Map<String, Zipf> SAMPLERS = new ConcurrentHashMap<>();

	private Zipfs() {
	}

	static Zipf of(long n, double exponent) {
		return SAMPLERS.computeIfAbsent(n + "/" + exponent, (key) -> new Zipf(n, exponent));
	}

}
