package dev.sluice.bench.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

import org.HdrHistogram.Histogram;

/**
 * What the users of one run saw, per second since the start and in total: requests
 * started, completed and failed (by kind), submit and end-to-end latency. Recorded from
 * Gatling's threads; thread-safe.
 */
public final class Recorder {

	/** Latencies above this many ms (10 min) are clamped: a run never lasts that long. */
	private static final long MAX_MILLIS = 600_000;

	private volatile long startNanos = Long.MIN_VALUE;

	private volatile LongConsumer onStart = (nanos) -> {
	};

	private final Map<Long, Second> seconds = new ConcurrentHashMap<>();

	private final Histogram submitLatency = new Histogram(MAX_MILLIS, 3);

	private final Histogram endToEndLatency = new Histogram(MAX_MILLIS, 3);

	private final LongAdder failedSubmissions = new LongAdder();

	/**
	 * Mark the start of the load: seconds count from here.
	 * @param nanos {@link System#nanoTime()} when the first user may start
	 */
	void start(long nanos) {
		this.startNanos = nanos;
		this.onStart.accept(nanos);
	}

	/**
	 * @param listener told the start of the load ({@link System#nanoTime()}) when it
	 * starts, on Gatling's thread: it must not block
	 */
	public void onStart(LongConsumer listener) {
		this.onStart = listener;
	}

	/**
	 * @return when the load started ({@link System#nanoTime()})
	 */
	public long startNanos() {
		if (this.startNanos == Long.MIN_VALUE) {
			throw new IllegalStateException("The load never started");
		}
		return this.startNanos;
	}

	void started(long nanos) {
		second(nanos).started.increment();
	}

	void submitted(long startNanos, long endNanos) {
		record(this.submitLatency, millis(startNanos, endNanos));
	}

	void completed(long startNanos, long endNanos) {
		long millis = millis(startNanos, endNanos);
		Second second = second(endNanos);
		second.completed.increment();
		synchronized (second) {
			second.latency.recordValue(millis);
		}
		record(this.endToEndLatency, millis);
	}

	void failed(ErrorKind kind, long nanos, boolean atSubmit) {
		second(nanos).errors.get(kind).increment();
		if (atSubmit) {
			this.failedSubmissions.increment();
		}
	}

	/**
	 * @return submissions that got no 2xx: for Sluice, queries that never entered the
	 * queue
	 */
	public long failedSubmissions() {
		return this.failedSubmissions.sum();
	}

	/**
	 * A snapshot of the seconds recorded so far.
	 * @return per second since the start
	 */
	public SortedMap<Long, SecondView> seconds() {
		SortedMap<Long, SecondView> view = new TreeMap<>();
		this.seconds.forEach((index, second) -> view.put(index, second.view()));
		return view;
	}

	public synchronized Histogram submitLatency() {
		return this.submitLatency.copy();
	}

	public synchronized Histogram endToEndLatency() {
		return this.endToEndLatency.copy();
	}

	private synchronized void record(Histogram histogram, long millis) {
		histogram.recordValue(millis);
	}

	private Second second(long nanos) {
		return this.seconds.computeIfAbsent(Math.max(0, (nanos - startNanos()) / 1_000_000_000L),
				(index) -> new Second());
	}

	private static long millis(long startNanos, long endNanos) {
		return Math.min(MAX_MILLIS, Math.max(0, (endNanos - startNanos) / 1_000_000L));
	}

	private static final class Second {

		final LongAdder started = new LongAdder();

		final LongAdder completed = new LongAdder();

		final Map<ErrorKind, LongAdder> errors = new EnumMap<>(ErrorKind.class);

		final Histogram latency = new Histogram(MAX_MILLIS, 2);

		Second() {
			for (ErrorKind kind : ErrorKind.values()) {
				this.errors.put(kind, new LongAdder());
			}
		}

		synchronized SecondView view() {
			Map<ErrorKind, Long> counts = new EnumMap<>(ErrorKind.class);
			this.errors.forEach((kind, count) -> counts.put(kind, count.sum()));
			return new SecondView(this.started.sum(), this.completed.sum(), counts,
					this.latency.getValueAtPercentile(50), this.latency.getValueAtPercentile(95),
					this.latency.getValueAtPercentile(99));
		}

	}

	/**
	 * One second of a run.
	 *
	 * @param started requests (for Sluice: queries) started by users
	 * @param completed ones that ended with the rows
	 * @param errors ones that did not, by kind
	 * @param p50 median end-to-end latency of those completed in this second, ms
	 * @param p95 95th percentile, ms
	 * @param p99 99th percentile, ms
	 */
	public record SecondView(long started, long completed, Map<ErrorKind, Long> errors, long p50, long p95, long p99) {

		public long errorCount() {
			return this.errors.values().stream().mapToLong(Long::longValue).sum();
		}

	}

}
