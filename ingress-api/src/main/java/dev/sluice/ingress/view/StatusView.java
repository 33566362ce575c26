package dev.sluice.ingress.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.StatusHead;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest known status of every query, id to {@link EncodedStatus} (its head and its
 * document's bytes as they came), plus listeners per id.
 *
 * <pre>{@code
 * StatusView view = new StatusView(Duration.ofMinutes(15), 256 * 1024 * 1024, Clock.systemUTC());
 * view.apply(status);                            // false if it does not advance the state
 * Subscription s = view.subscribe(id, listener); // current status first, then each change
 * }</pre>
 *
 * <p>
 * A status replaces the kept one only if its state is further along (see
 * {@link QueryState#canAdvanceTo}), so records arriving late, twice or out of order never
 * undo a newer state.
 *
 * <p>
 * Retention, in time and in bytes:
 * <ul>
 * <li>A query's status is readable until {@code retention} after its {@code submittedAt},
 * never longer; a status that arrives older than that is not kept.</li>
 * <li>Each query weighs the bytes its entry really holds: the length of its status
 * document plus {@link #ENTRY_OVERHEAD}. When the sum passes {@code maxBytes}, the oldest
 * queries go first, oldest meaning first seen by this view, which is submission order (up
 * to the interleaving of partitions while the topic is replayed at start-up). A query
 * dropped early answers 404 like an expired one.</li>
 * </ul>
 * Queries are kept in the order they were first seen; expired and surplus ones are
 * removed from the head of that order, by whichever thread applies a status (usually the
 * materializer), never by a reader.
 *
 * <p>
 * Thread-safe. Listeners run on the thread that applied the change, so they must not
 * block; they may see a status twice and, rarely, out of order, and should keep only
 * advances themselves.
 */
final class StatusView {

	/**
	 * Heap bytes one query costs beyond its document: the map node and table slot, the
	 * id, the entry and its place in the oldest-first order, the {@link EncodedStatus}
	 * and its {@link StatusHead} with its instants and query name, and the array header
	 * of the document. Measured on a 64-bit JVM (compressed references, G1) by applying
	 * 200,000 succeeded statuses read from record headers to a view and comparing the
	 * live heap before and after: 394 bytes each, rounded up.
	 */
	static final int ENTRY_OVERHEAD = 400;

	private static final Logger logger = LoggerFactory.getLogger(StatusView.class);

	private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

	private final Queue<Entry> oldestFirst = new ConcurrentLinkedQueue<>();

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicBoolean trimming = new AtomicBoolean();

	private final long retentionMillis;

	private final long maxBytes;

	private final Clock clock;

	private final ConcurrentMap<String, List<Consumer<EncodedStatus>>> listeners = new ConcurrentHashMap<>();

	private final List<BiConsumer<@Nullable StatusHead, StatusHead>> everyChangeListeners = new CopyOnWriteArrayList<>();

	/**
	 * @param retention how long a status stays readable after its query's submission
	 * @param maxBytes the bound on the bytes all entries weigh together
	 * @param clock the time that retention is measured against
	 */
	StatusView(Duration retention, long maxBytes, Clock clock) {
		this.retentionMillis = retention.toMillis();
		this.maxBytes = maxBytes;
		this.clock = clock;
	}

	/**
	 * The kept status of a query.
	 * @param id the query id
	 * @return the status, or empty if none is kept or its retention has ended
	 */
	Optional<EncodedStatus> get(String id) {
		Entry entry = this.entries.get(id);
		if (entry == null || entry.expiresAt <= this.clock.millis()) {
			return Optional.empty();
		}
		return Optional.ofNullable(entry.status);
	}

	/**
	 * Keep {@code next} if it advances the state, and tell the listeners.
	 * @param next the status
	 * @return whether it was kept
	 */
	boolean apply(EncodedStatus next) {
		long now = this.clock.millis();
		long expiresAt = expiresAt(next.head(), now);
		if (expiresAt <= now) {
			return false;
		}
		int weight = next.json().length + ENTRY_OVERHEAD;
		@Nullable EncodedStatus[] previous = new EncodedStatus[1];
		boolean[] advanced = new boolean[1];
		this.entries.compute(next.id(), (id, entry) -> {
			if (entry == null) {
				Entry added = new Entry(id, expiresAt, next, weight);
				this.oldestFirst.add(added);
				this.bytes.addAndGet(weight);
				advanced[0] = true;
				return added;
			}
			if (entry.status.state().canAdvanceTo(next.state())) {
				previous[0] = entry.status;
				this.bytes.addAndGet(weight - entry.weight);
				entry.status = next;
				entry.weight = weight;
				advanced[0] = true;
			}
			return entry;
		});
		if (advanced[0]) {
			notifyListeners(previous[0], next);
		}
		trim(now);
		return advanced[0];
	}

	/**
	 * Forget a query that its ingress could not queue after all, so that it stops
	 * answering {@code QUEUED} for a query no worker will run. Only a {@code QUEUED}
	 * status is forgotten: anything further along means a worker did take the query.
	 * @param id the query id
	 * @return whether a status was forgotten
	 */
	boolean withdraw(String id) {
		boolean[] withdrawn = new boolean[1];
		this.entries.computeIfPresent(id, (key, entry) -> {
			if (entry.status.state() != QueryState.QUEUED) {
				return entry;
			}
			withdrawn[0] = true;
			return release(entry);
		});
		return withdrawn[0];
	}

	/**
	 * Listen to the status of one query: the current one, if any, at once, then every
	 * change.
	 * @param id the query id
	 * @param listener called on the applying thread; must not block
	 * @return the subscription, to close when done
	 */
	Subscription subscribe(String id, Consumer<EncodedStatus> listener) {
		this.listeners.compute(id, (key, list) -> {
			List<Consumer<EncodedStatus>> added = (list != null) ? list : new CopyOnWriteArrayList<>();
			added.add(listener);
			return added;
		});
		get(id).ifPresent(listener);
		return () -> this.listeners.computeIfPresent(id, (key, list) -> {
			list.remove(listener);
			return list.isEmpty() ? null : list;
		});
	}

	/**
	 * Listen to every change of every query, from now on.
	 * @param listener called with the head of the replaced status ({@code null} for the
	 * first one of an id) and of the new one, on the applying thread; must not block
	 * @return the subscription, to close when done
	 */
	Subscription subscribeToAll(BiConsumer<@Nullable StatusHead, StatusHead> listener) {
		this.everyChangeListeners.add(listener);
		return () -> this.everyChangeListeners.remove(listener);
	}

	/** The number of queries kept, expired ones included until they are trimmed. */
	long size() {
		return this.entries.size();
	}

	/** The bytes the kept queries weigh together. */
	long bytes() {
		return this.bytes.get();
	}

	/**
	 * Drop the queries whose retention has ended and, while the view weighs more than its
	 * bound, the oldest ones. {@link #apply} does it on every change; the materializer
	 * also calls it when no status arrives for a while.
	 */
	void trim() {
		trim(this.clock.millis());
	}

	private void trim(long now) {
		// One thread trims at a time: the others' entries are trimmed on its next pass.
		if (!this.trimming.compareAndSet(false, true)) {
			return;
		}
		try {
			Entry oldest;
			while ((oldest = this.oldestFirst.peek()) != null
					&& (oldest.expiresAt <= now || this.bytes.get() > this.maxBytes)) {
				this.oldestFirst.poll();
				Entry dropped = oldest;
				this.entries.computeIfPresent(dropped.id,
						(id, current) -> (current == dropped) ? release(current) : current);
			}
		}
		finally {
			this.trimming.set(false);
		}
	}

	/** Called under the entry's map lock, as the entry leaves the map. */
	private @Nullable Entry release(Entry entry) {
		this.bytes.addAndGet(-entry.weight);
		// A withdrawn entry waits in the oldest-first order until trimmed; its
		// document need not.
		entry.status = null;
		entry.weight = 0;
		return null;
	}

	private long expiresAt(StatusHead head, long now) {
		Instant submittedAt = head.submittedAt();
		return ((submittedAt != null) ? submittedAt.toEpochMilli() : now) + this.retentionMillis;
	}

	private void notifyListeners(@Nullable EncodedStatus previous, EncodedStatus status) {
		for (BiConsumer<@Nullable StatusHead, StatusHead> listener : this.everyChangeListeners) {
			try {
				listener.accept((previous != null) ? previous.head() : null, status.head());
			}
			catch (RuntimeException ex) {
				// One broken listener must not stop the view or starve the others.
				logger.warn("A listener of every query failed on {}", status.id(), ex);
			}
		}
		List<Consumer<EncodedStatus>> interested = this.listeners.get(status.id());
		if (interested == null) {
			return;
		}
		for (Consumer<EncodedStatus> listener : interested) {
			try {
				listener.accept(status);
			}
			catch (RuntimeException ex) {
				// One broken listener must not stop the view or starve the others.
				logger.warn("A listener of query {} failed", status.id(), ex);
			}
		}
	}

	/**
	 * One query: its latest status and what it weighs. The status and weight change only
	 * under the query's map lock; readers see the status through the volatile field.
	 */
	private static final class Entry {

		private final String id;

		private final long expiresAt;

		private volatile @Nullable EncodedStatus status;

		private int weight;

		Entry(String id, long expiresAt, EncodedStatus status, int weight) {
			this.id = id;
			this.expiresAt = expiresAt;
			this.status = status;
			this.weight = weight;
		}

	}

}
