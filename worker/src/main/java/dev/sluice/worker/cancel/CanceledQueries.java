package dev.sluice.worker.cancel;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The ids of queries that clients cancelled recently, as read from
 * {@code sluice.cancels}, and the queries of this worker that want to hear about a cancel
 * while they wait or run.
 *
 * <pre>{@code
 * if (canceled.isCanceled(id)) { ... }                       // before starting
 * Registration watch = canceled.watch(id, () -> stop(id));   // while in flight
 * ...
 * watch.close();
 * }</pre>
 */
public class CanceledQueries {

	/**
	 * Bounds memory if clients cancel in bulk; a cancel evicted early only means a query
	 * already past its start is not stopped.
	 */
	private static final long MAX_IDS = 500_000;

	private final Cache<String, Boolean> canceled;

	private final ConcurrentMap<String, Runnable> watchers = new ConcurrentHashMap<>();

	/**
	 * @param remember how long a cancelled id is remembered
	 */
	CanceledQueries(Duration remember) {
		this.canceled = Caffeine.newBuilder().expireAfterWrite(remember).maximumSize(MAX_IDS).build();
	}

	/**
	 * Cancelled ids remembered as long as results are kept, and at least as long as the
	 * oldest query that can still start.
	 * @param retention {@code sluice.results.retention}
	 * @param lookBack how far back the cancel reader starts, see
	 * {@link CancelReader#lookBack}
	 */
	CanceledQueries(Duration retention, Duration lookBack) {
		this((retention.compareTo(lookBack) > 0) ? retention : lookBack);
	}

	public boolean isCanceled(String queryId) {
		return this.canceled.getIfPresent(queryId) != null;
	}

	/**
	 * Run {@code onCancel} once if {@code queryId} is cancelled, now or until the
	 * returned registration is closed. If it is cancelled already, {@code onCancel} runs
	 * before this returns, on the calling thread; otherwise on the thread that reads the
	 * cancel. Threading: {@code onCancel} must be quick and must not block.
	 * @param queryId the query
	 * @param onCancel what to do
	 * @return closes the watch
	 */
	public Registration watch(String queryId, Runnable onCancel) {
		this.watchers.put(queryId, onCancel);
		if (isCanceled(queryId) && this.watchers.remove(queryId, onCancel)) {
			onCancel.run();
		}
		return () -> this.watchers.remove(queryId, onCancel);
	}

	/**
	 * Record a cancel and notify the query's watcher, if any.
	 * @param queryId the cancelled query
	 */
	void cancel(String queryId) {
		this.canceled.put(queryId, Boolean.TRUE);
		Runnable watcher = this.watchers.remove(queryId);
		if (watcher != null) {
			watcher.run();
		}
	}

	/** An active {@link #watch}. */
	@FunctionalInterface
	public interface Registration extends AutoCloseable {

		@Override
		void close();

	}

}
