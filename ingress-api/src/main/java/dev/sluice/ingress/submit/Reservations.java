package dev.sluice.ingress.submit;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

import org.jspecify.annotations.Nullable;

/**
 * The places admission control holds for refused submissions that carry an
 * {@code Idempotency-Key}: a refusal tells the client when to come back
 * ({@code Retry-After}), and the place is kept for it until then, so the retry is not
 * refused again by the submissions that arrived meanwhile.
 * <p>
 * A place held counts as queued for everyone else ({@link #held(long)}): a submission
 * without a place waits behind every place already promised, so under a lasting storm
 * each refusal is told a later time than the one before it, and the time it is told
 * holds. A place is claimed by the retry with the same key from a second before it is due
 * until {@value #GRACE_SECONDS} s after; unclaimed by then, it lapses and stops counting.
 * <p>
 * Places live in the ingress that refused: behind a load balancer, a retry is sure of its
 * place only if it returns to the same replica (e.g. routed by {@code Idempotency-Key}).
 * At most {@code capacity} are held; past that a refusal still says when to retry, but
 * holds nothing. The bookkeeping stays within twice that, however long the storm.
 * <p>
 * Thread-safe; every method takes one lock for a few map operations, except that
 * {@link #held(long)} takes none unless a place has lapsed and {@link #find} none while
 * nothing is held.
 */
final class Reservations {

	static final long GRACE_SECONDS = 5;

	private static final long EARLY_NANOS = 1_000_000_000L;

	private static final long GRACE_NANOS = GRACE_SECONDS * 1_000_000_000L;

	private final int capacity;

	private final Map<String, Long> dueById = new HashMap<>();

	private final PriorityQueue<Place> byLapse = new PriorityQueue<>();

	private volatile int held;

	private volatile long nextLapseNanos = Long.MAX_VALUE;

	/**
	 * @param capacity the most places held at once
	 */
	Reservations(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Hold a place for a retry of {@code id}, or move it to a new time.
	 * @param id the query id the retry will carry
	 * @param dueNanos when the retry may come, by {@link System#nanoTime()}
	 * @return whether a place is held
	 */
	synchronized boolean hold(String id, long dueNanos) {
		if (!this.dueById.containsKey(id) && this.dueById.size() >= this.capacity) {
			return false;
		}
		this.dueById.put(id, dueNanos);
		Place place = new Place(id, dueNanos, dueNanos + GRACE_NANOS);
		this.byLapse.add(place);
		if (this.byLapse.size() > 2 * this.capacity) {
			forgetStale();
		}
		this.nextLapseNanos = this.byLapse.peek().lapseNanos();
		this.held = this.dueById.size();
		return true;
	}

	/**
	 * @param id a query id
	 * @param nowNanos now, by {@link System#nanoTime()}
	 * @return the place held for it, if any and not lapsed; it is still held
	 */
	@Nullable Place find(String id, long nowNanos) {
		if (this.held == 0) {
			// The common case, no storm: every keyed submission would otherwise take the
			// lock.
			return null;
		}
		synchronized (this) {
			lapse(nowNanos);
			Long due = this.dueById.get(id);
			return (due != null) ? new Place(id, due, due + GRACE_NANOS) : null;
		}
	}

	/**
	 * Give up the place held for {@code id}: its query was admitted.
	 * @param id a query id
	 */
	synchronized void release(String id) {
		if (this.dueById.remove(id) != null) {
			this.held = this.dueById.size();
		}
	}

	/**
	 * @param nowNanos now, by {@link System#nanoTime()}
	 * @return how many places are held and not lapsed
	 */
	int held(long nowNanos) {
		if (nowNanos - this.nextLapseNanos > 0) {
			synchronized (this) {
				lapse(nowNanos);
			}
		}
		return this.held;
	}

	/**
	 * A place claimed or moved leaves its old entry in {@link #byLapse} until that
	 * lapses; under a long storm of refusals and retries those would outnumber the places
	 * held many times over. Rebuilt from the places held once they are twice the
	 * capacity, so this costs O(1) per hold, amortized.
	 */
	private void forgetStale() {
		this.byLapse.clear();
		this.dueById.forEach((id, due) -> this.byLapse.add(new Place(id, due, due + GRACE_NANOS)));
	}

	/**
	 * @return the entries kept to lapse places, stale ones included; at most twice the
	 * capacity
	 */
	int tracked() {
		synchronized (this) {
			return this.byLapse.size();
		}
	}

	private void lapse(long nowNanos) {
		Place next;
		while ((next = this.byLapse.peek()) != null && nowNanos - next.lapseNanos() > 0) {
			this.byLapse.poll();
			Long due = this.dueById.get(next.id());
			// A place moved to a later time has a newer entry behind this one.
			if (due != null && due == next.dueNanos()) {
				this.dueById.remove(next.id());
			}
		}
		this.nextLapseNanos = (next != null) ? next.lapseNanos() : Long.MAX_VALUE;
		this.held = this.dueById.size();
	}

	/**
	 * A place held.
	 *
	 * @param id the query id it is held for
	 * @param dueNanos when the retry may come
	 * @param lapseNanos when it stops being held
	 */
	record Place(String id, long dueNanos, long lapseNanos) implements Comparable<Place> {

		/**
		 * @param nowNanos now, by {@link System#nanoTime()}
		 * @return whether a retry now may claim it: no more than a second early
		 */
		boolean isDue(long nowNanos) {
			return nowNanos - (this.dueNanos - EARLY_NANOS) >= 0;
		}

		@Override
		public int compareTo(Place other) {
			return Long.compare(this.lapseNanos, other.lapseNanos);
		}

	}

}
