package dev.sluice.ingress.clients;

/**
 * What one client may submit: a token bucket of submissions and a cap on its queries
 * queued or running at once.
 *
 * <pre>{@code
 * Quota quota = new Quota(20, 40, 100); // 20/s on average, 40 at once, 100 unfinished
 * }</pre>
 *
 * @param rate submissions per second the bucket refills with; {@code +Infinity} for no
 * rate limit
 * @param burst the bucket's size: how many submissions may come at once after a quiet
 * spell
 * @param maxInFlight how many of the client's queries may be queued or running at once;
 * {@link Integer#MAX_VALUE} for no cap
 */
public record Quota(double rate, int burst, int maxInFlight) {

	/** No limit at all: the quota of an open ingress's one caller. */
	public static final Quota UNLIMITED = new Quota(Double.POSITIVE_INFINITY, Integer.MAX_VALUE, Integer.MAX_VALUE);

	public Quota {
		if (!(rate > 0)) {
			throw new IllegalArgumentException("rate must be more than 0 per second, not " + rate);
		}
		if (burst < 1) {
			throw new IllegalArgumentException("burst must be at least 1, not " + burst);
		}
		if (maxInFlight < 1) {
			throw new IllegalArgumentException("maxInFlight must be at least 1, not " + maxInFlight);
		}
	}

	/**
	 * @return whether submissions are rate limited
	 */
	public boolean limitsRate() {
		return this.rate != Double.POSITIVE_INFINITY;
	}

	/**
	 * @return whether the queries in flight are capped
	 */
	public boolean limitsInFlight() {
		return this.maxInFlight != Integer.MAX_VALUE;
	}

}
