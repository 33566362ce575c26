package dev.sluice.ingress.queue;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The latest {@link QueueEstimate}, refreshed in the background every
 * {@code sluice.queue.interval}; reading it costs a volatile read.
 */
public final class QueueEstimates {

	private final Duration interval;

	private volatile QueueEstimate latest = QueueEstimate.UNKNOWN;

	private volatile QueueEstimate lastKnown = QueueEstimate.UNKNOWN;

	private final LongAdder ran = new LongAdder();

	private volatile LongSupplier admissions = () -> 0;

	QueueEstimates(Duration interval) {
		this.interval = interval;
	}

	/**
	 * @return the latest estimate, {@link QueueEstimate#UNKNOWN} before the first
	 * measurement or after a failed one
	 */
	public QueueEstimate current() {
		return this.latest;
	}

	/**
	 * @return the latest estimate that was measured, even if measurements failed since;
	 * {@link QueueEstimate#UNKNOWN} before the first. A measurement can fail or take
	 * several intervals exactly when Kafka and the host are busiest, in a storm, and that
	 * is no reason to forget the queue.
	 */
	public QueueEstimate lastKnown() {
		return this.lastKnown;
	}

	/**
	 * @return how often the estimate is refreshed
	 */
	public Duration interval() {
		return this.interval;
	}

	/**
	 * Count a query that a worker ran to its end, whichever ingress accepted it: the
	 * drain rate is the rate of these. A query that expired in the queue, or was canceled
	 * there, is not counted: the workers pass its record at once without running it, and
	 * counting it would let a wave of expiries raise the rate, admit more than the fleet
	 * can run, and cause the next wave.
	 */
	public void countRan() {
		this.ran.increment();
	}

	/**
	 * @return how many queries the fleet has run to their end so far, as counted by
	 * {@link #countRan()}
	 */
	long ran() {
		return this.ran.sum();
	}

	/**
	 * @param admissions how many queries this ingress has admitted so far; read as each
	 * measurement begins ({@link QueueEstimate#admittedBefore()})
	 */
	public void countAdmissionsWith(LongSupplier admissions) {
		this.admissions = admissions;
	}

	/**
	 * @return how many queries this ingress has admitted so far
	 */
	long admitted() {
		return this.admissions.getAsLong();
	}

	/**
	 * Take a new measurement; the drain rate is measured from the last known one, however
	 * many failed since.
	 * @param backlog the measurement, with {@link #ran()} as it began
	 * @param startedAtNanos when it began
	 * @param admittedBefore {@link #admitted()} then
	 */
	void update(QueueBacklog backlog, long startedAtNanos, long admittedBefore) {
		QueueEstimate next = QueueEstimate.next(this.lastKnown, backlog, startedAtNanos, admittedBefore);
		this.lastKnown = next;
		this.latest = next;
	}

	/**
	 * A measurement failed: {@link #current()} is unknown until the next one succeeds,
	 * while {@link #lastKnown()} stays.
	 */
	void measurementFailed() {
		this.latest = QueueEstimate.UNKNOWN;
	}

}
