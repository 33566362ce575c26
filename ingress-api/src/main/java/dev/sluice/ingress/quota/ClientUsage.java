package dev.sluice.ingress.quota;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import dev.sluice.ingress.clients.Client;
import dev.sluice.ingress.clients.ClientMetrics.Outcome;
import dev.sluice.ingress.clients.Quota;
import org.jspecify.annotations.Nullable;

/**
 * What one client has in flight and how much of its rate it has used, as this replica
 * knows it: its own admissions at once, every other replica's as their statuses arrive.
 * Thread-safe; every method holds the instance's lock briefly.
 */
final class ClientUsage {

	private static final int RATE_WINDOW_SECONDS = 10;

	private @Nullable TokenBucket bucket;

	/** Query id to the epoch millisecond it was submitted, for each query in flight. */
	private final Map<String, Long> inFlight = new HashMap<>();

	private final Set<String> running = new HashSet<>();

	/** Queries ended in each of the last seconds, by epoch second modulo the length. */
	private final long[] endedPerSecond = new long[RATE_WINDOW_SECONDS];

	private long endedSecond;

	/**
	 * Take a place and a token for a query about to be queued.
	 * @param quota the client's quota now
	 * @param id the query's id
	 * @param now the time, epoch milliseconds
	 * @param oldest queries submitted before this epoch millisecond no longer count as in
	 * flight (their end was missed)
	 * @return the decision
	 */
	synchronized Decision admit(Quota quota, String id, long now, long oldest) {
		limits(quota, now);
		if (quota.limitsInFlight() && this.inFlight.size() >= quota.maxInFlight()) {
			this.inFlight.values().removeIf((submittedAt) -> submittedAt < oldest);
			this.running.retainAll(this.inFlight.keySet());
			if (this.inFlight.size() >= quota.maxInFlight()) {
				return decision(quota, Outcome.OVER_CAPACITY, retryAfterAnEnd(now), now);
			}
		}
		if (this.bucket != null) {
			long wait = this.bucket.tryTake(now);
			if (wait > 0) {
				return decision(quota, Outcome.RATE_LIMITED, wait, now);
			}
		}
		this.inFlight.put(id, now);
		return decision(quota, Outcome.ACCEPTED, 0, now);
	}

	/**
	 * Give back what {@link #admit} took for a query that was not queued after all.
	 * @param id the query's id
	 * @param now the time
	 */
	synchronized void release(String id, long now) {
		if (this.inFlight.remove(id) != null && this.bucket != null) {
			this.bucket.giveBack(now);
		}
	}

	/**
	 * A status of one of the client's queries that has not ended, from any replica.
	 * @param quota the client's quota now
	 * @param id the query's id
	 * @param submittedAt when it was accepted
	 * @param isRunning whether a worker runs it
	 * @param now the time
	 */
	synchronized void seen(Quota quota, String id, long submittedAt, boolean isRunning, long now) {
		if (this.inFlight.putIfAbsent(id, submittedAt) == null) {
			// Another replica's admission, or one from before this replica started.
			limits(quota, now);
			if (this.bucket != null) {
				this.bucket.takeAnyway(submittedAt, now);
			}
		}
		if (isRunning) {
			this.running.add(id);
		}
	}

	/**
	 * One of the client's queries ended.
	 * @param id the query's id
	 * @param now the time
	 */
	synchronized void ended(String id, long now) {
		if (this.inFlight.remove(id) != null) {
			this.running.remove(id);
			long second = now / 1000;
			rollTo(second);
			this.endedPerSecond[(int) (second % RATE_WINDOW_SECONDS)]++;
		}
	}

	synchronized int queued() {
		return this.inFlight.size() - this.running.size();
	}

	synchronized int running() {
		return this.running.size();
	}

	private void limits(Quota quota, long now) {
		if (!quota.limitsRate()) {
			this.bucket = null;
		}
		else if (this.bucket == null) {
			this.bucket = new TokenBucket(quota.rate(), quota.burst(), now);
		}
		else {
			this.bucket.limits(quota.rate(), quota.burst(), now);
		}
	}

	/**
	 * When a place is likely to free up: the time between ends at the rate they ended
	 * over the last seconds, or, if none ended, the whole window.
	 */
	private long retryAfterAnEnd(long now) {
		rollTo(now / 1000);
		long ended = 0;
		for (long count : this.endedPerSecond) {
			ended += count;
		}
		return (ended == 0) ? RATE_WINDOW_SECONDS * 1000L : Math.max(1, RATE_WINDOW_SECONDS * 1000L / ended);
	}

	private void rollTo(long second) {
		if (second - this.endedSecond >= RATE_WINDOW_SECONDS) {
			Arrays.fill(this.endedPerSecond, 0);
		}
		else {
			for (long s = this.endedSecond + 1; s <= second; s++) {
				this.endedPerSecond[(int) (s % RATE_WINDOW_SECONDS)] = 0;
			}
		}
		this.endedSecond = Math.max(this.endedSecond, second);
	}

	private Decision decision(Quota quota, Outcome outcome, long retryAfterMillis, long now) {
		TokenBucket rate = this.bucket;
		return new Decision(outcome, retryAfterMillis, quota, (rate != null) ? rate.remaining(now) : -1,
				(rate != null) ? rate.millisUntilFull(now) : 0, this.inFlight.size());
	}

	/**
	 * What {@link #admit} decided, and the client's usage as it stood.
	 *
	 * @param outcome {@code ACCEPTED}, {@code RATE_LIMITED} or {@code OVER_CAPACITY}
	 * @param retryAfterMillis when to try again, if refused
	 * @param quota the client's quota
	 * @param tokens whole tokens left in the bucket, or {@code -1} without a rate limit
	 * @param millisUntilFull until the bucket is full
	 * @param inFlight the client's queries in flight, this one included if accepted
	 */
	record Decision(Outcome outcome, long retryAfterMillis, Quota quota, int tokens, long millisUntilFull,
			int inFlight) {
	}

}
