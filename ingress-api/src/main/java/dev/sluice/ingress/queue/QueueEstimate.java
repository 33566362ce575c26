package dev.sluice.ingress.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * What the worker fleet's backlog means for a query submitted now: how many wait before
 * it, how fast they drain, and so how long it would wait. Made from successive
 * {@link QueueBacklog} measurements ({@link #next}), read by admission control on every
 * submission without touching Kafka.
 * <p>
 * <b>The wait</b> is the larger of two views of the same queue: the age of the oldest
 * record no worker has finished ({@code lag}), and the backlog divided by the drain rate.
 * The lag alone misses a burst that has just arrived; the quotient alone misses a fleet
 * that has stopped draining (a database outage), where it is infinite and the lag is the
 * only honest figure.
 * <p>
 * <b>The drain rate</b> is the rate at which workers run queries to their end, counted
 * from the terminal statuses every ingress reads ({@link QueueEstimates#countRan}). It
 * rises smoothed ({@value #SMOOTHING} of each new measurement), so that one interval with
 * a burst of ends does not swing it, but falls at once: the fleet slows exactly when a
 * storm takes the host's CPU, and an estimate that lags behind the fall admits what will
 * expire, while one that lags behind a rise only refuses a little early and keeps the
 * workers busy all the same. It is not the advance of the group's committed offsets:
 * those jump over queries that expired in the queue, which the workers pass at once
 * without running, so a wave of expiries would read as a burst of draining, admit more
 * than the fleet can run, and cause the next wave. It stands for what the fleet
 * <em>can</em> drain, so only an interval in which the workers never ran out of work
 * measures it: one that began with more records waiting than the workers finished in it,
 * and with at least {@value #QUOTIENT_MIN_DEPTH} of them. A handful waiting says nothing
 * of the fleet's speed, the more so as the backlog counts records the workers have not
 * committed yet, some of them finished already, while the rate counts statuses: on an
 * idle stack, the few records between two commits would otherwise read as a busy fleet
 * finishing almost nothing, and the first storm would be refused on that rate. An
 * interval that drained the queue, or that a burst reached only halfway through, measures
 * how much work came, not how fast the fleet is: a floor of the rate, which it can raise
 * but never lower. Until a busy interval has been seen, the highest such floor stands in
 * for the rate ({@code busyRate} false), which errs towards refusing: better a
 * {@code Retry-After} in the first seconds of a storm than promises that expire. The
 * first busy interval replaces it.
 *
 * @param known whether a measurement backs this estimate
 * @param depth records of {@code sluice.queries} the worker group has not finished
 * @param lagSeconds age of the oldest of them
 * @param drainPerSecond queries the fleet ran per second, smoothed; 0 when unknown
 * @param busyRate whether the rate was measured with the workers busy, or is only the
 * most they were seen to finish
 * @param consumingWorkers workers holding partitions
 * @param ran queries run to their end so far, as this ingress counts them; {@code -1}
 * when unknown
 * @param measuredAtNanos when the measurement began, by {@link System#nanoTime()}
 * @param admittedBefore how many queries this ingress had admitted when it began
 * ({@link QueueEstimates#countAdmissionsWith}): those admitted since are not in
 * {@code depth}, however long the measurement took
 */
public record QueueEstimate(boolean known, long depth, double lagSeconds, double drainPerSecond, boolean busyRate,
		int consumingWorkers, long ran, long measuredAtNanos, long admittedBefore) {

	static final double SMOOTHING = 0.5;

	/** The smallest backlog whose quotient by the drain rate counts as a wait. */
	static final long QUOTIENT_MIN_DEPTH = 100;

	/**
	 * An estimate whose drain rate was measured with the workers busy.
	 */
	public QueueEstimate(boolean known, long depth, double lagSeconds, double drainPerSecond, int consumingWorkers,
			long ran, long measuredAtNanos) {
		this(known, depth, lagSeconds, drainPerSecond, true, consumingWorkers, ran, measuredAtNanos, 0);
	}

	/** No measurement yet, or the last one failed. */
	public static final QueueEstimate UNKNOWN = new QueueEstimate(false, 0, 0, 0, false, 0, -1, 0, 0);

	/**
	 * @param previous the estimate before, or {@link #UNKNOWN}
	 * @param backlog the new measurement
	 * @param nowNanos when it began
	 * @param admittedBefore how many queries this ingress had admitted then
	 * @return the new estimate
	 */
	static QueueEstimate next(QueueEstimate previous, QueueBacklog backlog, long nowNanos, long admittedBefore) {
		double rate = previous.drainPerSecond;
		boolean busyRate = previous.busyRate;
		double seconds = (nowNanos - previous.measuredAtNanos) / 1e9;
		if (previous.known && previous.ran >= 0 && backlog.ran() >= previous.ran && seconds > 0) {
			long finished = backlog.ran() - previous.ran;
			double measured = finished / seconds;
			if (previous.depth > finished && previous.depth >= QUOTIENT_MIN_DEPTH) {
				rate = (busyRate && rate > 0) ? Math.min(measured, SMOOTHING * measured + (1 - SMOOTHING) * rate)
						: measured;
				busyRate = rate > 0;
			}
			else {
				rate = Math.max(rate, measured);
			}
		}
		return new QueueEstimate(true, backlog.depth(), backlog.lagSeconds(), rate, busyRate,
				backlog.consumingWorkers(), backlog.ran(), nowNanos, admittedBefore);
	}

	/**
	 * This estimate carried forward to {@code nowNanos}: the backlog grown by what was
	 * added since it was measured and shrunk by what the drain rate has taken since.
	 * Between two measurements an ingress knows its own admissions at once; without them
	 * a storm would be admitted at full speed for a whole interval on a backlog already
	 * measured as full.
	 * @param added queries queued since the measurement
	 * @param nowNanos now, by {@link System#nanoTime()}
	 * @return the projected estimate
	 */
	public QueueEstimate projected(long added, long nowNanos) {
		double seconds = Math.max(0, nowNanos - this.measuredAtNanos) / 1e9;
		long depth = Math.max(0, this.depth + added - (long) (this.drainPerSecond * seconds));
		return new QueueEstimate(this.known, depth, this.lagSeconds, this.drainPerSecond, this.busyRate,
				this.consumingWorkers, this.ran, this.measuredAtNanos, this.admittedBefore);
	}

	/**
	 * How long a query submitted now would wait before a worker starts it. Below
	 * {@value #QUOTIENT_MIN_DEPTH} records the backlog divided by the rate is not used,
	 * only the lag: a rate measured while a handful of records trickled through says how
	 * little came, not how fast the fleet is, and a quiet stack with five records in
	 * flight would otherwise be told it must wait half a minute.
	 * @return the expected wait
	 */
	public Duration expectedWait() {
		if (this.depth == 0) {
			return Duration.ZERO;
		}
		double seconds = this.lagSeconds;
		if (this.drainPerSecond > 0 && this.depth >= QUOTIENT_MIN_DEPTH) {
			seconds = Math.max(seconds, this.depth / this.drainPerSecond);
		}
		return Duration.ofMillis((long) Math.ceil(seconds * 1000));
	}

	/**
	 * How long until the backlog has drained to {@code depth}, at the measured rate.
	 * @param depth the backlog to wait for
	 * @return the time, or empty when the rate is unknown
	 */
	public Optional<Duration> untilDepth(long depth) {
		if (this.drainPerSecond <= 0) {
			return Optional.empty();
		}
		double seconds = Math.max(0, this.depth - depth) / this.drainPerSecond;
		return Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)));
	}

	/**
	 * @param nowNanos now, by {@link System#nanoTime()}
	 * @param maxAge the oldest an estimate may be to count
	 * @return whether it is known and recent enough to act on
	 */
	public boolean isFresh(long nowNanos, Duration maxAge) {
		return this.known && nowNanos - this.measuredAtNanos <= maxAge.toNanos();
	}

}
