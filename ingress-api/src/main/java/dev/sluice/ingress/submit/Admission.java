package dev.sluice.ingress.submit;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.sluice.ingress.queue.QueueEstimate;
import dev.sluice.ingress.queue.QueueEstimates;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * A measurement that fails or comes late, as it may when Kafka and the host are busiest,
 * leaves the last one in use: it is projected forward for up to three refresh intervals
 * or 30 s, whichever is longer. It admits everything while it has no estimate that recent
 * (none yet, Kafka unmeasurable) and while no worker consumes: the queue then absorbs the
 * load, as it does a worker outage, and the workers take it when they come back.
 * <p>
 * {@code Retry-After} is the time the backlog needs, at the measured drain rate, to come
 * down to what the query could wait for (or below the cap); without a drain rate (a fleet
 * that stopped draining, e.g. a database outage) it is the refresh interval.
 * <p>
 * A refused submission with an {@code Idempotency-Key} has a place held for it
 * ({@link Reservations}): the same submission sent again after {@code Retry-After} is
 * admitted, because the places held count as queued for every submission without one, and
 * so under a lasting storm each refusal is told a later time than the one before. The
 * retry waits behind what is queued, not behind the other places, and may use half the
 * headroom: the rest was kept when its time was set. Sent more than a second early, it is
 * refused again with the time left, and its place kept.
 */
final class Admission {

	private static final Logger logger = LoggerFactory.getLogger(Admission.class);

	private static final Duration MIN_RETRY_AFTER = Duration.ofSeconds(1);

	private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

	/** The oldest measurement projected forward, unless three intervals are longer. */
	private static final Duration MAX_AGE = Duration.ofSeconds(30);

	/**
	 * The most places held for refused submissions: a storm of several hundred a second
	 * for the longest {@code Retry-After}, 5 min, in a few MB.
	 */
	static final int PLACES_HELD = 50_000;

	private final Supplier<QueueEstimate> estimates;

	private final Duration interval;

	private final Duration maxAge;

	private final AdmissionProperties properties;

	private final Reservations reservations;

	private final LongSupplier nanoTime;

	private final LongAdder admitted = new LongAdder();

	/**
	 * Refusals are logged at most once per {@link #LOG_EVERY}, with a count of the rest.
	 */
	private static final Duration LOG_EVERY = Duration.ofSeconds(10);

	private final AtomicLong refusalLoggedAtNanos = new AtomicLong();

	private final LongAdder refusedSinceLogged = new LongAdder();

	/**
	 * Admission control on the ingress's queue estimates, which it tells how many queries
	 * it admitted ({@link QueueEstimates#countAdmissionsWith}), so that each measurement
	 * knows which of them it already holds.
	 * @param estimates the estimates, refreshed in the background
	 * @param properties the switch and the cap
	 */
	Admission(QueueEstimates estimates, AdmissionProperties properties) {
		this(estimates::lastKnown, estimates.interval(), properties, new Reservations(PLACES_HELD), System::nanoTime);
		estimates.countAdmissionsWith(this::admitted);
	}

	/**
	 * @param estimates the latest estimate measured ({@link QueueEstimates#lastKnown()})
	 * @param interval how often it is refreshed; one older than three intervals and 30 s
	 * no longer counts
	 * @param properties the switch and the cap
	 * @param reservations the places held for refused submissions
	 * @param nanoTime the time source, {@link System#nanoTime()}
	 */
	Admission(Supplier<QueueEstimate> estimates, Duration interval, AdmissionProperties properties,
			Reservations reservations, LongSupplier nanoTime) {
		this.estimates = estimates;
		this.interval = interval;
		this.maxAge = max(interval.multipliedBy(3), MAX_AGE);
		this.properties = properties;
		this.reservations = reservations;
		this.nanoTime = nanoTime;
	}

	/**
	 * @param submission a valid submission
	 * @param id its query id if it carries an {@code Idempotency-Key}, which lets a
	 * refusal hold its place; {@code null} otherwise
	 * @return how long it is expected to wait for a worker, or {@code null} when that
	 * cannot be told: no recent estimate, or no worker consuming
	 * @throws QueueFullException if the queue cannot start it in time
	 */
	@Nullable Duration admit(Submission submission, @Nullable String id) {
		QueueEstimate measured = this.estimates.get();
		long now = this.nanoTime.getAsLong();
		Reservations.Place place = (id != null) ? this.reservations.find(id, now) : null;
		if (!measured.isFresh(now, this.maxAge) || measured.consumingWorkers() == 0) {
			return admitted(place, null);
		}
		long admittedSince = admittedSince(measured);
		QueueEstimate queued = measured.projected(admittedSince, now);
		if (!this.properties.enabled()) {
			return admitted(place, queued.expectedWait());
		}
		if (place != null) {
			if (!place.isDue(now)) {
				throw new QueueFullException(submission.query().name(), queued, "",
						retryAfter(Optional.of(Duration.ofNanos(place.dueNanos() - now))),
						". Its place is held until then: send it again with the same Idempotency-Key");
			}
			// Its place was counted as queued: it waits behind what is queued, not behind
			// the other places, and may use half the headroom: its time was set keeping
			// all of it, and the other half is still there for the estimate's error.
			Refusal refusal = fits(submission, queued, this.properties.headroom() / 2);
			if (refusal == null) {
				return admitted(place, queued.expectedWait());
			}
			throw refused(submission, queued, refusal, id, now);
		}
		QueueEstimate estimate = measured.projected(admittedSince + this.reservations.held(now), now);
		Refusal refusal = fits(submission, estimate, this.properties.headroom());
		if (refusal != null) {
			throw refused(submission, estimate, refusal, id, now);
		}
		return admitted(null, estimate.expectedWait());
	}

	private @Nullable Duration admitted(Reservations.@Nullable Place place, @Nullable Duration expectedWait) {
		if (place != null) {
			this.reservations.release(place.id());
		}
		this.admitted.increment();
		return expectedWait;
	}

	/**
	 * @return how many queries this ingress has admitted so far
	 */
	long admitted() {
		return this.admitted.sum();
	}

	/** How many this ingress admitted since {@code measured} began. */
	private long admittedSince(QueueEstimate measured) {
		return Math.max(0, this.admitted.sum() - measured.admittedBefore());
	}

	/**
	 * @return why the queue cannot start the submission in time, keeping {@code headroom}
	 * of its deadline free, and when it could; {@code null} if it can
	 */
	private @Nullable Refusal fits(Submission submission, QueueEstimate estimate, double headroom) {
		long cap = this.properties.maxBacklog();
		if (cap > 0 && estimate.depth() >= cap) {
			return new Refusal(", and at most " + cap + " may wait (sluice.admission.max-backlog)",
					estimate.untilDepth(cap - 1));
		}
		Duration deadline = submission.queueWait();
		if (deadline == null) {
			return null;
		}
		Duration allowed = Duration.ofMillis((long) (deadline.toMillis() * (1 - headroom)));
		if (estimate.expectedWait().compareTo(allowed) <= 0) {
			return null;
		}
		long canWaitFor = (long) Math.floor(estimate.drainPerSecond() * allowed.toMillis() / 1000.0);
		return new Refusal(", longer than the " + allowed.toMillis() + " ms its deadline of " + deadline.toMillis()
				+ " ms allows (timeoutMs, or the catalog's queueTimeout, less " + Math.round(headroom * 100)
				+ " % headroom)", estimate.untilDepth(canWaitFor));
	}

	/** Refuse, holding a place for {@code id} if it has one to hold. */
	private QueueFullException refused(Submission submission, QueueEstimate estimate, Refusal refusal,
			@Nullable String id, long now) {
		Duration retryAfter = retryAfter(refusal.retryAfter());
		logRefusal(submission, estimate, refusal, now);
		boolean held = id != null && this.reservations.hold(id, now + retryAfter.toNanos());
		String advice = held ? ". Its place is held: send it again with the same Idempotency-Key then"
				: (id == null) ? ". Sent with an Idempotency-Key, it would have had its place held" : "";
		return new QueueFullException(submission.query().name(), estimate, refusal.why(), retryAfter, advice);
	}

	/**
	 * Say in the log why submissions are refused, with the estimate judged on, at most
	 * once per {@link #LOG_EVERY}: a storm refuses hundreds a second, each one answered
	 * and counted in {@code sluice.submissions} already.
	 */
	private void logRefusal(Submission submission, QueueEstimate estimate, Refusal refusal, long now) {
		this.refusedSinceLogged.increment();
		long loggedAt = this.refusalLoggedAtNanos.get();
		if ((loggedAt != 0 && now - loggedAt < LOG_EVERY.toNanos())
				|| !this.refusalLoggedAtNanos.compareAndSet(loggedAt, now)) {
			return;
		}
		logger.info(
				"Refused {} submission(s) since the last such line. This one: {} queued, the oldest {} s old, "
						+ "draining at {}/s ({}), so '{}' would wait {} ms{}",
				this.refusedSinceLogged.sumThenReset(), estimate.depth(), estimate.lagSeconds(),
				Math.round(estimate.drainPerSecond() * 10) / 10.0,
				estimate.busyRate() ? "measured busy" : "the most seen so far", submission.query().name(),
				estimate.expectedWait().toMillis(), refusal.why());
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	/** The time to drain, or the refresh interval without a rate; 1 s to 5 min. */
	private Duration retryAfter(Optional<Duration> drained) {
		Duration retryAfter = drained.orElse(this.interval);
		return (retryAfter.compareTo(MIN_RETRY_AFTER) < 0) ? MIN_RETRY_AFTER
				: (retryAfter.compareTo(MAX_RETRY_AFTER) > 0) ? MAX_RETRY_AFTER : retryAfter;
	}

	/**
	 * Why a submission cannot be queued now.
	 *
	 * @param why completes "would wait about N s"
	 * @param retryAfter when it could, at the measured rate; empty without one
	 */
	private record Refusal(String why, Optional<Duration> retryAfter) {
	}

}
