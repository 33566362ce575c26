package dev.sluice.ingress.submit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.sluice.ingress.queue.QueueEstimate;
import dev.sluice.ingress.queue.QueueEstimates;

/**
 * Admission control: before a query is produced, the ingress checks that the queue can
 * start it before its deadline, and refuses it at once ({@link QueueFullException}, 503
 * with {@code Retry-After}) when it cannot, instead of accepting a promise it would break
 * with EXPIRED later.
 * <p>
 * It reads the shared queue's {@link QueueEstimate}, refreshed in the background, so
 * every ingress replica decides alike and a submission pays one volatile read, and
 * carries it forward with what this ingress admitted since and what the workers drained
 * since at the measured rate ({@link QueueEstimate#projected}). A query is refused when
 * <ul>
 * <li>its expected wait ({@link QueueEstimate#expectedWait()}) exceeds its deadline (its
 * {@code timeoutMs}, or the catalog's {@code queueTimeout}) less
 * {@code sluice.admission.headroom}; or</li>
 * <li>{@code sluice.admission.max-backlog} queries or more already wait.</li>
 * </ul>
 * An admitted query's expected wait becomes the {@code expectedStartAt} of its
 * {@code QUEUED} status.
 * <p>
 * It admits everything while it has no recent estimate (none yet, Kafka unmeasurable) and
 * while no worker consumes: the queue then absorbs the load, as it does a worker outage,
 * and the workers take it when they come back.
 * <p>
 * {@code Retry-After} is the time the backlog needs, at the measured drain rate, to come
 * down to what the query could wait for (or below the cap); without a drain rate (a fleet
 * that stopped draining, e.g. a database outage) it is the refresh interval.
 */
final class Admission {

	private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

	private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

	private final Supplier<QueueEstimate> estimates;

	private final Duration interval;

	private final AdmissionProperties properties;

	private final AtomicReference<QueueEstimate> basis = new AtomicReference<>(QueueEstimate.UNKNOWN);

	private final LongAdder admitted = new LongAdder();

	/**
	 * @param estimates the latest estimate ({@link QueueEstimates#current()})
	 * @param interval how often it is refreshed; one three intervals old no longer counts
	 * @param properties the switch and the cap
	 */
	Admission(Supplier<QueueEstimate> estimates, Duration interval, AdmissionProperties properties) {
		this.estimates = estimates;
		this.interval = interval;
		this.properties = properties;
	}

	/**
	 * @param submission a valid submission
	 * @return how long it is expected to wait for a worker, or {@code null} when that
	 * cannot be told: no recent estimate, or no worker consuming
	 * @throws QueueFullException if the queue cannot start it in time
	 */
	Duration admit(Submission submission) {
		QueueEstimate measured = this.estimates.get();
		long now = System.nanoTime();
		if (!measured.isFresh(now, this.interval.multipliedBy(3)) || measured.consumingWorkers() == 0) {
			return null;
		}
		QueueEstimate estimate = measured.projected(admittedSince(measured), now);
		Duration expectedWait = check(submission, estimate);
		this.admitted.increment();
		return expectedWait;
	}

	/** How many this ingress admitted since {@code measured} was taken. */
	private long admittedSince(QueueEstimate measured) {
		QueueEstimate basis = this.basis.get();
		if (basis != measured && this.basis.compareAndSet(basis, measured)) {
			this.admitted.reset();
		}
		return this.admitted.sum();
	}

	private Duration check(Submission submission, QueueEstimate estimate) {
		if (!this.properties.enabled()) {
			return estimate.expectedWait();
		}
		long cap = this.properties.maxBacklog();
		if (cap > 0 && estimate.depth() >= cap) {
			throw new QueueFullException(submission.query().name(), estimate,
					", and at most " + cap + " may wait (sluice.admission.max-backlog)",
					retryAfter(estimate.untilDepth(cap - 1)));
		}
		Duration deadline = submission.queueWait();
		if (deadline == null) {
			return estimate.expectedWait();
		}
		Duration allowed = Duration.ofMillis((long) (deadline.toMillis() * (1 - this.properties.headroom())));
		if (estimate.expectedWait().compareTo(allowed) > 0) {
			long canWaitFor = (long) Math.floor(estimate.drainPerSecond() * allowed.toMillis() / 1000.0);
			throw new QueueFullException(submission.query().name(), estimate,
					", longer than the " + allowed.toMillis() + " ms its deadline of " + deadline.toMillis()
							+ " ms allows (timeoutMs, or the catalog's queueTimeout, less "
							+ Math.round(this.properties.headroom() * 100) + " % headroom)",
					retryAfter(estimate.untilDepth(canWaitFor)));
		}
		return estimate.expectedWait();
	}

	/** The time to drain, or the refresh interval without a rate; 1 s to 5 min. */
	private Duration retryAfter(Optional<Duration> drained) {
		Duration retryAfter = drained.orElse(this.interval);
		return (retryAfter.compareTo(MIN_RETRY_AFTER) < 0) ? MIN_RETRY_AFTER
				: (retryAfter.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : retryAfter;
	}

}
