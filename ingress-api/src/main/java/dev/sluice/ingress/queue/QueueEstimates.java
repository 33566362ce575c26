package dev.sluice.ingress.queue;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The latest {@link QueueEstimate}, refreshed in the background every
 * {@code sluice.queue.interval}; reading it costs a volatile read.
 */
public final class QueueEstimates {

	private final Duration interval;

	private volatile QueueEstimate latest = QueueEstimate.UNKNOWN;

	private final LongAdder expired = new LongAdder();

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
	 * @return how often the estimate is refreshed
	 */
	public Duration interval() {
		return this.interval;
	}

	/**
	 * Count a query that expired in the queue: the workers passed its record without
	 * running it, so it does not count towards the drain rate.
	 */
	public void countExpired() {
		this.expired.increment();
	}

	void update(QueueBacklog backlog, long nowNanos) {
		QueueBacklog run = (backlog.depth() < 0) ? backlog : new QueueBacklog(backlog.depth(), backlog.lagSeconds(),
				backlog.consumingWorkers(), backlog.drained() - this.expired.sum());
		this.latest = QueueEstimate.next(this.latest, run, nowNanos);
	}

}
