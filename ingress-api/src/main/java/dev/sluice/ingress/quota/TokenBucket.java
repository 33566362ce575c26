package dev.sluice.ingress.quota;

/**
 * A token bucket: it holds up to {@code burst} tokens and refills at {@code rate} per
 * second; a submission takes one.
 *
 * <pre>{@code
 * TokenBucket bucket = new TokenBucket(20, 40, nowMillis);
 * long waitMillis = bucket.tryTake(nowMillis); // 0: taken
 * }</pre>
 *
 * A token taken on another replica is taken here too ({@link #takeAnyway}), later, when
 * its query's status arrives: the level may then fall below zero, and this replica admits
 * nothing until the refill has made up for it. Times are epoch milliseconds. Not
 * thread-safe: its owner serializes calls.
 */
final class TokenBucket {

	private double rate;

	private int burst;

	private double tokens;

	private long updatedAt;

	/**
	 * @param rate tokens per second
	 * @param burst the most tokens it holds; it starts full
	 * @param now the time
	 */
	TokenBucket(double rate, int burst, long now) {
		this.rate = rate;
		this.burst = burst;
		this.tokens = burst;
		this.updatedAt = now;
	}

	/**
	 * Change the limits, keeping the level (capped at the new burst).
	 * @param rate tokens per second
	 * @param burst the most tokens it holds
	 * @param now the time
	 */
	void limits(double rate, int burst, long now) {
		if (rate != this.rate || burst != this.burst) {
			refill(now);
			this.rate = rate;
			this.burst = burst;
			this.tokens = Math.min(this.tokens, burst);
		}
	}

	/**
	 * @param now the time
	 * @return {@code 0} if a token was taken, or else the milliseconds until one will be
	 * there (at least 1)
	 */
	long tryTake(long now) {
		refill(now);
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return 0;
		}
		return Math.max(1, (long) Math.ceil((1 - this.tokens) * 1000 / this.rate));
	}

	/**
	 * Take a token that was taken elsewhere at {@code takenAt}, even if there is none
	 * here. One taken longer ago than a full refill takes would already be made up for,
	 * and is ignored.
	 * @param takenAt when it was taken
	 * @param now the time
	 */
	void takeAnyway(long takenAt, long now) {
		if (now - takenAt >= refillMillis()) {
			return;
		}
		refill(now);
		// Never owe more than one bucket: a burst seen late must not lock a client out
		// for
		// longer than a refill.
		this.tokens = Math.max(this.tokens - 1, -this.burst);
	}

	/**
	 * Return a token whose submission was not queued after all.
	 * @param now the time
	 */
	void giveBack(long now) {
		refill(now);
		this.tokens = Math.min(this.tokens + 1, this.burst);
	}

	/**
	 * @param now the time
	 * @return the whole tokens there now, never negative
	 */
	int remaining(long now) {
		refill(now);
		return (int) Math.max(0, Math.floor(this.tokens));
	}

	/**
	 * @param now the time
	 * @return the milliseconds until the bucket is full again
	 */
	long millisUntilFull(long now) {
		refill(now);
		return (long) Math.ceil((this.burst - this.tokens) * 1000 / this.rate);
	}

	/**
	 * @return the milliseconds an empty bucket takes to fill
	 */
	long refillMillis() {
		return (long) Math.ceil(this.burst * 1000 / this.rate);
	}

	private void refill(long now) {
		if (now > this.updatedAt) {
			this.tokens = Math.min(this.burst, this.tokens + (now - this.updatedAt) * this.rate / 1000);
			this.updatedAt = now;
		}
	}

}
