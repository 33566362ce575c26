package dev.sluice.bench.workload;

import java.util.random.RandomGenerator;

/**
 * Zipf-distributed ranks in constant memory, by rejection-inversion sampling (Hörmann and
 * Derflinger, 1996). k6/lib/zipf.js is the same algorithm, so both load drivers offer the
 * same key popularity.
 *
 * <pre>{@code
 * Zipf customers = new Zipf(100_000, 1.1);
 * long id = customers.next(random);   // 1 is the most frequent rank
 * }</pre>
 *
 * Thread-safe: it holds no mutable state; the caller supplies the random source.
 */
final class Zipf {

	private final long n;

	private final double exponent;

	private final double hIntegralX1;

	private final double hIntegralN;

	private final double s;

	/**
	 * @param n the number of ranks, at least 1
	 * @param exponent the skew, above 0 (1.1 is web-like popularity)
	 */
	Zipf(long n, double exponent) {
		if (n < 1) {
			throw new IllegalArgumentException("Zipf n must be at least 1, was " + n);
		}
		if (!(exponent > 0)) {
			throw new IllegalArgumentException("Zipf exponent must be above 0, was " + exponent);
		}
		this.n = n;
		this.exponent = exponent;
		this.hIntegralX1 = hIntegral(1.5) - 1;
		this.hIntegralN = hIntegral(n + 0.5);
		this.s = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
	}

	long next(RandomGenerator random) {
		while (true) {
			double u = this.hIntegralN + random.nextDouble() * (this.hIntegralX1 - this.hIntegralN);
			double x = hIntegralInverse(u);
			long k = Math.min(this.n, Math.max(1, (long) (x + 0.5)));
			if (k - x <= this.s || u >= hIntegral(k + 0.5) - h(k)) {
				return k;
			}
		}
	}

	private double h(double x) {
		return Math.exp(-this.exponent * Math.log(x));
	}

	private double hIntegral(double x) {
		double logX = Math.log(x);
		return expRatio((1 - this.exponent) * logX) * logX;
	}

	private double hIntegralInverse(double x) {
		double t = Math.max(-1, x * (1 - this.exponent));
		return Math.exp(logRatio(t) * x);
	}

	private static double logRatio(double x) {
		return (Math.abs(x) > 1e-8) ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));
	}

	private static double expRatio(double x) {
		return (Math.abs(x) > 1e-8) ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + x * (1.0 / 3) * (1 + 0.25 * x));
	}

}
