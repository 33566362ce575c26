package dev.sluice.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often, and after how long, a call is tried again when Sluice cannot take it now.
 *
 * <pre>{@code
 * SluiceClient.builder(baseUrl)
 *     .retryPolicy(RetryPolicy.of(5, Duration.ofMillis(200), Duration.ofMinutes(1)))
 *     .build();
 * }</pre>
 *
 * A call is tried again after a connection failure or timeout, and after an answer
 * {@code 429}, {@code 502}, {@code 503} or {@code 504}; never after any other error.
 * Every call the client makes is safe to repeat: a submission always carries an
 * {@code Idempotency-Key}, the same on every attempt, so the server queues it at most
 * once.
 *
 * <p>
 * The wait before the next attempt is the server's when it gives one: its
 * {@code Retry-After}, or else the effective window ({@code t}) of an exhausted
 * {@code RateLimit} policy ({@code r=0}), plus a little jitter that never makes the retry
 * early. Otherwise it is {@code baseBackoff × 2^(attempt-1)}, capped at
 * {@code maxBackoff}, of which a random half is jitter. When the server asks for a wait
 * longer than {@code maxBackoff}, the call fails at once with its answer rather than
 * retry early and be refused again; {@link SluiceProblemException#retryAfter()} says how
 * long it asked for.
 */
public final class RetryPolicy {

	private static final RetryPolicy DEFAULTS = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(30));

	private static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

	private final int maxAttempts;

	private final Duration baseBackoff;

	private final Duration maxBackoff;

	private RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff) {
		this.maxAttempts = maxAttempts;
		this.baseBackoff = baseBackoff;
		this.maxBackoff = maxBackoff;
	}

	/**
	 * Four attempts in all, backing off from 250 ms, waiting at most 30 s between two.
	 * @return the default policy
	 */
	public static RetryPolicy defaults() {
		return DEFAULTS;
	}

	/**
	 * One attempt: every failure is reported at once.
	 * @return a policy that never retries
	 */
	public static RetryPolicy none() {
		return NONE;
	}

	/**
	 * A policy of your own.
	 * @param maxAttempts attempts in all, the first included; at least 1
	 * @param baseBackoff the wait before the second attempt when the server names none;
	 * doubled for each further attempt; zero or more
	 * @param maxBackoff the longest wait between two attempts, at least
	 * {@code baseBackoff}; a server asking for longer ends the retries
	 * @return the policy
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public static RetryPolicy of(int maxAttempts, Duration baseBackoff, Duration maxBackoff) {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException(
					"maxAttempts must be at least 1 (the first attempt), not " + maxAttempts);
		}
		if (baseBackoff.isNegative()) {
			throw new IllegalArgumentException("baseBackoff must not be negative, not " + baseBackoff);
		}
		if (maxBackoff.compareTo(baseBackoff) < 0) {
			throw new IllegalArgumentException(
					"maxBackoff (" + maxBackoff + ") must be at least baseBackoff (" + baseBackoff + ")");
		}
		return new RetryPolicy(maxAttempts, baseBackoff, maxBackoff);
	}

	public int maxAttempts() {
		return this.maxAttempts;
	}

	public Duration baseBackoff() {
		return this.baseBackoff;
	}

	public Duration maxBackoff() {
		return this.maxBackoff;
	}

	/**
	 * The wait before the attempt after {@code attempt}, when the server names none:
	 * exponential, capped, with its upper half random (so that clients refused together
	 * do not come back together, yet none comes back at once).
	 * @param attempt the attempt that failed, from 1
	 * @return the wait
	 */
	Duration backoff(int attempt) {
		long ceiling = this.maxBackoff.toMillis();
		long wait = this.baseBackoff.toMillis();
		for (int i = 1; i < attempt && wait < ceiling; i++) {
			wait = (wait <= ceiling / 2) ? wait * 2 : ceiling;
		}
		long half = wait / 2;
		return Duration.ofMillis(wait - half + ThreadLocalRandom.current().nextLong(half + 1));
	}

	/**
	 * A wait the server asked for, plus jitter of up to a tenth of it (at most a second):
	 * later, never earlier, since an early retry is refused again.
	 * @param asked the server's wait
	 * @return the wait to honour
	 */
	static Duration withJitter(Duration asked) {
		long spread = Math.min(asked.toMillis() / 10, 1000);
		return asked.plusMillis(ThreadLocalRandom.current().nextLong(spread + 1));
	}

	@Override
	public String toString() {
		return "RetryPolicy[maxAttempts=" + this.maxAttempts + ", baseBackoff=" + this.baseBackoff + ", maxBackoff="
				+ this.maxBackoff + "]";
	}

}
