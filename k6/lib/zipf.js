// Zipf-distributed ranks in O(1) memory: rejection-inversion sampling (Hörmann and
// Derflinger, "Rejection-inversion to generate variates from monotone discrete
// distributions", 1996). A table of n probabilities per virtual user would cost
// megabytes at 1000 VUs; this costs a few numbers. The bench harness (Java) uses the
// same algorithm, so both drivers offer the same key popularity.

/**
 * @param {number} x
 * @returns {number} log1p(x) / x, accurate near 0
 */
function logRatio(x) {
  return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x));
}

/**
 * @param {number} x
 * @returns {number} expm1(x) / x, accurate near 0
 */
function expRatio(x) {
  return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + x * (1 / 3) * (1 + 0.25 * x));
}

export class Zipf {
  /**
   * @param {number} n the number of ranks (1..n)
   * @param {number} exponent the skew; 0 is uniform, 1.1 is web-like popularity
   */
  constructor(n, exponent) {
    if (!(n >= 1) || !Number.isInteger(n)) {
      throw new Error(`Zipf n must be a whole number >= 1, was ${n}`);
    }
    if (!(exponent > 0)) {
      throw new Error(`Zipf exponent must be > 0, was ${exponent}`);
    }
    this.n = n;
    this.exponent = exponent;
    this.hIntegralX1 = this.hIntegral(1.5) - 1;
    this.hIntegralN = this.hIntegral(n + 0.5);
    this.s = 2 - this.hIntegralInverse(this.hIntegral(2.5) - this.h(2));
  }

  /** @returns {number} a rank in 1..n; rank 1 is the most frequent */
  next() {
    for (;;) {
      const u = this.hIntegralN + Math.random() * (this.hIntegralX1 - this.hIntegralN);
      const x = this.hIntegralInverse(u);
      const k = Math.min(this.n, Math.max(1, Math.floor(x + 0.5)));
      if (k - x <= this.s || u >= this.hIntegral(k + 0.5) - this.h(k)) {
        return k;
      }
    }
  }

  /** @param {number} x */
  h(x) {
    return Math.exp(-this.exponent * Math.log(x));
  }

  /** @param {number} x */
  hIntegral(x) {
    const logX = Math.log(x);
    return expRatio((1 - this.exponent) * logX) * logX;
  }

  /** @param {number} x */
  hIntegralInverse(x) {
    const t = Math.max(-1, x * (1 - this.exponent));
    return Math.exp(logRatio(t) * x);
  }
}
