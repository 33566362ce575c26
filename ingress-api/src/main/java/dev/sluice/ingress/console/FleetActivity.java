package dev.sluice.ingress.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.StatusHead;
import dev.sluice.ingress.view.QueryStatuses;
import org.jspecify.annotations.Nullable;

/**
 * What the whole fleet did, second by second, over a sliding window: built from the
 * status changes this ingress materializes (every replica's submissions, every worker's
 * results) and from the queue gauges, sampled once a second.
 *
 * <pre>{@code
 * FleetActivity activity = new FleetActivity(Duration.ofMinutes(5), Duration.ofSeconds(10));
 * activity.record(previous, status);             // from the results listener
 * activity.sampleQueue(now, depth, lag, workers); // once a second
 * ConsoleSeries series = activity.series(now);   // complete seconds, oldest first
 * }</pre>
 *
 * <p>
 * Each status counts in the second of its own timestamp ({@code submittedAt} for a
 * query's first status, {@code completedAt} for terminal states), not of its arrival, so
 * a replica that starts and replays the results topic draws the same past as one that was
 * there. Statuses older than the window are ignored.
 *
 * <p>
 * Thread-safe; every method holds the lock only for a few array operations, so the
 * materializer thread that calls {@link #record} never waits long.
 */
final class FleetActivity {

	/** Latencies kept per second for the percentile; beyond it a second is sampled. */
	static final int MAX_LATENCIES_PER_SECOND = 1000;

	/** How far back the console's series reach. */
	static final Duration WINDOW = Duration.ofMinutes(5);

	/** The console's trailing window of the end-to-end p95 and the cache hit ratio. */
	static final Duration SMOOTHING = Duration.ofSeconds(10);

	private final int windowSeconds;

	private final int smoothingSeconds;

	private final Second[] seconds;

	/**
	 * The console's activity, fed by every status change {@code statuses} applies from
	 * now on, for as long as the view lives.
	 * @param statuses the materialized view
	 */
	FleetActivity(QueryStatuses statuses) {
		this(WINDOW, SMOOTHING);
		statuses.subscribeToAll(this::record);
	}

	/**
	 * @param window how far back the series reach
	 * @param smoothing the trailing window of the end-to-end p95 and the cache hit ratio,
	 * which are too noisy to read per second
	 */
	FleetActivity(Duration window, Duration smoothing) {
		if (window.toSeconds() < 1 || smoothing.toSeconds() < 1 || smoothing.compareTo(window) > 0) {
			throw new IllegalArgumentException("window (" + window + ") and smoothing (" + smoothing
					+ ") must be at least 1 s, smoothing <= window");
		}
		this.windowSeconds = (int) window.toSeconds();
		this.smoothingSeconds = (int) smoothing.toSeconds();
		// One spare second: the window plus the one still being filled.
		this.seconds = new Second[this.windowSeconds + this.smoothingSeconds + 1];
		for (int i = 0; i < this.seconds.length; i++) {
			this.seconds[i] = new Second();
		}
	}

	/**
	 * Count one status change.
	 * @param previous the head of the status it replaced, {@code null} if the query is
	 * new here
	 * @param status the head of a status that advanced its query's state
	 */
	synchronized void record(@Nullable StatusHead previous, StatusHead status) {
		// A fast worker's result can reach the view before the QUEUED status the
		// accepting ingress wrote, so a query counts as accepted when it first appears.
		if (previous == null && status.submittedAt() != null) {
			second(status.submittedAt().getEpochSecond()).ifCurrent((second) -> second.accepted++);
		}
		if (status.state().isTerminal() && status.completedAt() != null) {
			second(status.completedAt().getEpochSecond()).ifCurrent((second) -> second.terminal(status));
		}
	}

	/**
	 * Keep one reading of the queue gauges; {@code NaN} or negative values mean unknown.
	 */
	synchronized void sampleQueue(Instant at, double depth, double lagSeconds, double workersConsuming) {
		second(at.getEpochSecond()).ifCurrent((second) -> {
			second.queueDepth = known(depth);
			second.queueLagSeconds = known(lagSeconds);
			second.workersConsuming = known(workersConsuming);
		});
	}

	/**
	 * The complete seconds of the window, oldest first, ending with the second before
	 * {@code now}.
	 */
	synchronized ConsoleSeries series(Instant now) {
		long last = now.getEpochSecond() - 1;
		List<ConsoleSeries.Point> points = new ArrayList<>(this.windowSeconds);
		for (long epochSecond = last - this.windowSeconds + 1; epochSecond <= last; epochSecond++) {
			points.add(point(epochSecond));
		}
		return new ConsoleSeries(now.toEpochMilli(), this.windowSeconds, this.smoothingSeconds, points);
	}

	private ConsoleSeries.Point point(long epochSecond) {
		Slot slot = slot(epochSecond);
		Second second = slot.current() ? slot.second() : null;
		int hits = 0;
		int lookups = 0;
		List<long[]> latencies = new ArrayList<>();
		for (long s = epochSecond - this.smoothingSeconds + 1; s <= epochSecond; s++) {
			Slot trailing = slot(s);
			if (trailing.current()) {
				hits += trailing.second().cacheHits;
				lookups += trailing.second().cacheLookups;
				latencies.add(Arrays.copyOf(trailing.second().latencies, trailing.second().latencyCount));
			}
		}
		return new ConsoleSeries.Point(epochSecond, (second != null) ? second.accepted : 0,
				(second != null) ? second.dbQueries : 0, (second != null) ? second.queueDepth : null,
				(second != null) ? second.queueLagSeconds : null, (second != null) ? second.workersConsuming : null,
				p95Seconds(latencies), (lookups > 0) ? (double) hits / lookups : null);
	}

	/** The nearest-rank 95th percentile, in seconds; {@code null} without samples. */
	static @Nullable Double p95Seconds(List<long[]> millis) {
		long[] all = millis.stream().flatMapToLong(Arrays::stream).sorted().toArray();
		if (all.length == 0) {
			return null;
		}
		int rank = (int) Math.ceil(0.95 * all.length);
		return all[rank - 1] / 1000.0;
	}

	private Slot second(long epochSecond) {
		Slot slot = slot(epochSecond);
		if (!slot.current() && epochSecond > slot.second().epochSecond) {
			slot.second().reset(epochSecond);
			return new Slot(slot.second(), true);
		}
		return slot;
	}

	private Slot slot(long epochSecond) {
		Second second = this.seconds[(int) Math.floorMod(epochSecond, (long) this.seconds.length)];
		return new Slot(second, second.epochSecond == epochSecond);
	}

	private static @Nullable Double known(double value) {
		return (Double.isNaN(value) || value < 0) ? null : value;
	}

	/** A second of the ring and whether it holds the second asked for. */
	private record Slot(Second second, boolean current) {

		void ifCurrent(java.util.function.Consumer<Second> action) {
			if (this.current) {
				action.accept(this.second);
			}
		}

	}

	/** The counts of one second; reused when the ring comes round. */
	private static final class Second {

		long epochSecond = Long.MIN_VALUE;

		int accepted;

		int dbQueries;

		int cacheHits;

		int cacheLookups;

		long[] latencies = new long[16];

		int latencyCount;

		@Nullable Double queueDepth;

		@Nullable Double queueLagSeconds;

		@Nullable Double workersConsuming;

		void reset(long epochSecond) {
			this.epochSecond = epochSecond;
			this.accepted = 0;
			this.dbQueries = 0;
			this.cacheHits = 0;
			this.cacheLookups = 0;
			this.latencyCount = 0;
			this.queueDepth = null;
			this.queueLagSeconds = null;
			this.workersConsuming = null;
		}

		void terminal(StatusHead status) {
			if (status.cache() != null) {
				this.cacheLookups++;
				if (status.cache() == CacheOutcome.HIT) {
					this.cacheHits++;
				}
				if (status.cache() == CacheOutcome.MISS) {
					this.dbQueries++;
				}
			}
			if (status.submittedAt() != null && this.latencyCount < MAX_LATENCIES_PER_SECOND) {
				if (this.latencyCount == this.latencies.length) {
					this.latencies = Arrays.copyOf(this.latencies, this.latencies.length * 2);
				}
				this.latencies[this.latencyCount++] = Math.max(0,
						Duration.between(status.submittedAt(), status.completedAt()).toMillis());
			}
		}

	}

}
