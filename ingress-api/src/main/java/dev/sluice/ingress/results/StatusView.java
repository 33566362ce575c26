package dev.sluice.ingress.results;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.sluice.contract.QueryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest known status of every query, id to {@link QueryStatus}, plus listeners per
 * id.
 *
 * <pre>{@code
 * StatusView view = new StatusView(Duration.ofMinutes(15), 256 * 1024 * 1024, Clock.systemUTC());
 * view.apply(status, 512);                       // false if it does not advance the state
 * Subscription s = view.subscribe(id, listener); // current status first, then each change
 * }</pre>
 *
 * <p>
 * A status replaces the kept one only if its state is further along (see
 * {@link #advances}), so records arriving late, twice or out of order never undo a newer
 * state. Entries expire {@code retention} after their {@code submittedAt}. Memory is
 * bounded by {@code maxBytes}: each entry weighs its serialized size, and when the sum
 * passes the bound the least recently used entries go first.
 *
 * <p>
 * Thread-safe. Listeners run on the thread that applied the change, so they must not
 * block; they may see a status twice and, rarely, out of order, and should keep only
 * advances themselves.
 */
final class StatusView {

	/** Bytes an entry costs beyond its serialized status: key, entry and map node. */
	static final int ENTRY_OVERHEAD = 256;

	private static final Logger logger = LoggerFactory.getLogger(StatusView.class);

	private final Cache<String, Entry> entries;

	private final ConcurrentMap<String, List<Consumer<QueryStatus>>> listeners = new ConcurrentHashMap<>();

	private final List<BiConsumer<QueryStatus, QueryStatus>> everyChangeListeners = new CopyOnWriteArrayList<>();

	StatusView(Duration retention, long maxBytes, Clock clock) {
		this.entries = Caffeine.newBuilder()
			.maximumWeight(maxBytes)
			.weigher((String id, Entry entry) -> entry.weight())
			.expireAfter(new UntilRetentionEnds(retention, clock))
			.build();
	}

	/**
	 * Whether {@code next} may replace {@code current}.
	 * @param current the kept status, or {@code null}
	 * @param next the arriving status
	 * @return {@code true} if there is none yet or {@code next} is further along
	 */
	static boolean advances(QueryStatus current, QueryStatus next) {
		return current == null || current.state().canAdvanceTo(next.state());
	}

	Optional<QueryStatus> get(String id) {
		Entry entry = this.entries.getIfPresent(id);
		return (entry != null) ? Optional.of(entry.status()) : Optional.empty();
	}

	/**
	 * Keep {@code next} if it advances the state, and tell the listeners.
	 * @param next the status
	 * @param weight its serialized size in bytes
	 * @return whether it was kept
	 */
	boolean apply(QueryStatus next, int weight) {
		boolean[] advanced = new boolean[1];
		QueryStatus[] previous = new QueryStatus[1];
		this.entries.asMap().compute(next.id(), (id, current) -> {
			if (advances((current != null) ? current.status() : null, next)) {
				advanced[0] = true;
				previous[0] = (current != null) ? current.status() : null;
				return new Entry(next, weight);
			}
			return current;
		});
		if (advanced[0]) {
			notifyListeners(previous[0], next);
		}
		return advanced[0];
	}

	/**
	 * Listen to the status of one query: the current one, if any, at once, then every
	 * change.
	 * @param id the query id
	 * @param listener called on the applying thread; must not block
	 * @return the subscription, to close when done
	 */
	Subscription subscribe(String id, Consumer<QueryStatus> listener) {
		this.listeners.compute(id, (key, list) -> {
			List<Consumer<QueryStatus>> added = (list != null) ? list : new CopyOnWriteArrayList<>();
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
	 * @param listener called with the replaced status ({@code null} for the first one of
	 * an id) and the new one, on the applying thread; must not block
	 * @return the subscription, to close when done
	 */
	Subscription subscribeToAll(BiConsumer<QueryStatus, QueryStatus> listener) {
		this.everyChangeListeners.add(listener);
		return () -> this.everyChangeListeners.remove(listener);
	}

	long size() {
		return this.entries.estimatedSize();
	}

	/**
	 * Run pending evictions now; for tests, which cannot wait for Caffeine's own pace.
	 */
	void cleanUp() {
		this.entries.cleanUp();
	}

	private void notifyListeners(QueryStatus previous, QueryStatus status) {
		for (BiConsumer<QueryStatus, QueryStatus> listener : this.everyChangeListeners) {
			try {
				listener.accept(previous, status);
			}
			catch (RuntimeException ex) {
				// One broken listener must not stop the view or starve the others.
				logger.warn("A listener of every query failed on {}", status.id(), ex);
			}
		}
		List<Consumer<QueryStatus>> interested = this.listeners.get(status.id());
		if (interested == null) {
			return;
		}
		for (Consumer<QueryStatus> listener : interested) {
			try {
				listener.accept(status);
			}
			catch (RuntimeException ex) {
				// One broken listener must not stop the view or starve the others.
				logger.warn("A listener of query {} failed", status.id(), ex);
			}
		}
	}

	private record Entry(QueryStatus status, int weight) {
	}

	/** Expires an entry {@code retention} after its query was submitted. */
	private record UntilRetentionEnds(Duration retention, Clock clock) implements Expiry<String, Entry> {

		@Override
		public long expireAfterCreate(String id, Entry entry, long currentTime) {
			return remainingNanos(entry);
		}

		@Override
		public long expireAfterUpdate(String id, Entry entry, long currentTime, long currentDuration) {
			return remainingNanos(entry);
		}

		@Override
		public long expireAfterRead(String id, Entry entry, long currentTime, long currentDuration) {
			return currentDuration;
		}

		private long remainingNanos(Entry entry) {
			Instant submittedAt = entry.status().submittedAt();
			Instant now = this.clock.instant();
			Duration left = Duration.between(now, ((submittedAt != null) ? submittedAt : now).plus(this.retention));
			return left.isNegative() ? 0 : left.toNanos();
		}

	}

}
