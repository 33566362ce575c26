package dev.sluice.ingress.queue;

import java.time.Duration;

/**
 * The latest {@link QueueEstimate}, refreshed in the background every
 * {@code sluice.queue.interval}; reading it costs a volatile read.
 */
public final class QueueEstimates {

	private final Duration interval;

	private volatile QueueEstimate latest = QueueEstimate.UNKNOWN;

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

	void update(QueueBacklog backlog, long nowNanos) {
		this.latest = QueueEstimate.next(this.latest, backlog, nowNanos);
	}

}
