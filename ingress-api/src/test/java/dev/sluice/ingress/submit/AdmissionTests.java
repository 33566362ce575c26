package dev.sluice.ingress.submit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.ingress.queue.QueueEstimate;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AdmissionTests {

	private static final CatalogQuery QUERY = Catalog
		.parse("queries:\n  q:\n    sql: select 1\n    queueTimeout: 30s\n", "test")
		.find("q")
		.orElseThrow();

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private final AtomicReference<QueueEstimate> estimate = new AtomicReference<>(QueueEstimate.UNKNOWN);

	private final AtomicLong now = new AtomicLong(1_000_000_000_000L);

	private final Admission admission = admission(new AdmissionProperties(true, 0, 0));

	@Test
	void admitsWhatTheQueueStartsBeforeTheDeadline() {
		// 1000 waiting at 100/s: 10 s, within 30 s.
		this.estimate.set(measured(1000, 4, 100));

		assertThat(this.admission.admit(submission(Duration.ofSeconds(30)), null)).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void refusesWhatWouldWaitPastItsDeadlineWithTheTimeTheBacklogNeedsToShrink() {
		// 1000 waiting at 100/s: 10 s. A 4-s deadline can wait for 400 of them: retry
		// once 600 have drained, in 6 s.
		this.estimate.set(measured(1000, 4, 100));

		QueueFullException refused = catchThrowableOfType(QueueFullException.class,
				() -> this.admission.admit(submission(Duration.ofSeconds(4)), null));

		assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(6));
		assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("6");
		assertThat(refused.status().value()).isEqualTo(503);
		assertThat(refused.toProblemDetail().getType().toString()).isEqualTo("urn:sluice:problem:queue-full");
		assertThat(refused.getMessage()).contains("1000 queries wait", "100.0/s", "about 10 s", "deadline of 4000 ms");
	}

	@Test
	void headroomKeepsAShareOfTheDeadlineForTheEstimatesError() {
		Admission careful = admission(new AdmissionProperties(true, 0, 0.25));
		// 800 waiting at 100/s: 8 s, within a 10-s deadline but not within 7.5 s.
		this.estimate.set(measured(800, 4, 100));

		QueueFullException refused = catchThrowableOfType(QueueFullException.class,
				() -> careful.admit(submission(Duration.ofSeconds(10)), null));

		// Down to the 750 that 7.5 s allow, at 100/s: 0.5 s, and never under a second.
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("1");
		assertThat(refused.getMessage()).contains("the 7500 ms its deadline of 10000 ms allows", "25 % headroom");
		assertThat(careful.admit(submission(Duration.ofSeconds(11)), null)).isEqualTo(Duration.ofSeconds(8));
	}

	@Test
	void countsItsOwnAdmissionsUntilTheNextMeasurement() {
		// 300 waiting at 100/s: 3 s. A 4-s deadline leaves room for about 100 more.
		this.estimate.set(measured(300, 1, 100));
		int admitted = 0;
		while (admitted < 1000) {
			try {
				this.admission.admit(submission(Duration.ofSeconds(4)), null);
				admitted++;
			}
			catch (QueueFullException ex) {
				break;
			}
		}

		// The 101st has 400 ahead of it: 4 s.
		assertThat(admitted).isEqualTo(101);
		// A new measurement, begun after those admissions, replaces the projection.
		this.estimate.set(new QueueEstimate(true, 300, 1, 100, true, 2, 0, this.now.get(), 101));
		assertThat(this.admission.admit(submission(Duration.ofSeconds(4)), null)).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void whatItAdmittedWhileAMeasurementRanStillCounts() {
		this.estimate.set(measured(0, 0, 100));
		for (int i = 0; i < 300; i++) {
			this.admission.admit(submission(Duration.ofSeconds(30)), null);
		}

		// The measurement began when 100 had been admitted and saw only those.
		this.estimate.set(new QueueEstimate(true, 100, 1, 100, true, 2, 0, this.now.get(), 100));

		assertThat(this.admission.admit(submission(Duration.ofSeconds(30)), null)).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void aStalledFleetIsJudgedByItsOldestRecordAndRetriedAfterTheNextMeasurement() {
		this.estimate.set(measured(50, 40, 0));

		QueueFullException refused = catchThrowableOfType(QueueFullException.class,
				() -> this.admission.admit(submission(Duration.ofSeconds(30)), null));

		assertThat(refused.retryAfter()).isEqualTo(INTERVAL);
		assertThat(this.admission.admit(submission(Duration.ofSeconds(60)), null)).isEqualTo(Duration.ofSeconds(40));
	}

	@Test
	void aRefusalWithAnIdempotencyKeyHoldsItsPlaceUntilRetryAfter() {
		// 1000 waiting at 100/s: 10 s. A 4-s deadline can wait for 400: in 6 s.
		this.estimate.set(measured(1000, 4, 100));

		QueueFullException refused = catchThrowableOfType(QueueFullException.class,
				() -> this.admission.admit(submission(Duration.ofSeconds(4)), "q_held"));
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(6));
		assertThat(refused.getMessage()).contains("Its place is held");

		// Two seconds early: refused again with the time left, its place kept.
		this.now.addAndGet(Duration.ofSeconds(4).toNanos());
		this.estimate.set(measured(600, 4, 100));
		QueueFullException early = catchThrowableOfType(QueueFullException.class,
				() -> this.admission.admit(submission(Duration.ofSeconds(4)), "q_held"));
		assertThat(early.retryAfter()).isEqualTo(Duration.ofSeconds(2));

		// Others are refused meanwhile: the place counts as queued ahead of them.
		this.now.addAndGet(Duration.ofSeconds(2).toNanos());
		this.estimate.set(measured(400, 4, 100));
		QueueFullException other = catchThrowableOfType(QueueFullException.class,
				() -> this.admission.admit(submission(Duration.ofSeconds(4)), null));
		assertThat(other.retryAfter()).isEqualTo(Duration.ofMillis(1000));
		assertThat(other.getMessage()).contains("Sent with an Idempotency-Key");

		// On time, the retry is admitted.
		assertThat(this.admission.admit(submission(Duration.ofSeconds(4)), "q_held")).isEqualTo(Duration.ofSeconds(4));
		// And counted at once for those after it.
		assertThat(this.admission.admit(submission(Duration.ofSeconds(5)), null)).isEqualTo(Duration.ofMillis(4010));
	}

	@Test
	void eachRefusalInAStormIsToldALaterTimeThanTheOneBefore() {
		this.estimate.set(measured(1000, 4, 100));

		List<Duration> retryAfters = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			String id = "q_" + i;
			retryAfters.add(catchThrowableOfType(QueueFullException.class,
					() -> this.admission.admit(submission(Duration.ofSeconds(4)), id))
				.retryAfter());
		}

		// 6 s for the first; each place held adds one query at 100/s.
		assertThat(retryAfters.get(0)).isEqualTo(Duration.ofSeconds(6));
		assertThat(retryAfters.get(299)).isEqualTo(Duration.ofMillis(8990));
		assertThat(retryAfters).isSorted();
	}

	@Test
	void aPlaceNotClaimedInTimeLapses() {
		this.estimate.set(measured(1000, 4, 100));
		catchThrowableOfType(QueueFullException.class,
				() -> this.admission.admit(submission(Duration.ofSeconds(4)), "q_late"));

		this.now.addAndGet(Duration.ofSeconds(6 + Reservations.GRACE_SECONDS + 1).toNanos());
		this.estimate.set(measured(1000, 4, 100));

		// Judged as new: refused, and told the same 6 s as before, the lapsed place not
		// counted.
		QueueFullException again = catchThrowableOfType(QueueFullException.class,
				() -> this.admission.admit(submission(Duration.ofSeconds(4)), "q_other"));
		assertThat(again.retryAfter()).isEqualTo(Duration.ofSeconds(6));
	}

	@Test
	void theBacklogCapRefusesWhateverTheDeadline() {
		Admission capped = admission(new AdmissionProperties(true, 500, 0));
		this.estimate.set(measured(700, 1, 100));

		QueueFullException refused = catchThrowableOfType(QueueFullException.class,
				() -> capped.admit(submission(Duration.ofMinutes(10)), null));

		// Down to 499 at 100/s.
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(2010));
		assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("3");
		assertThat(refused.getMessage()).contains("at most 500 may wait");
	}

	@Test
	void admitsEverythingWithoutARecentEstimateOrWithoutWorkers() {
		Submission impatient = submission(Duration.ofMillis(1));

		// Admitted with no expected start: nothing can tell when it would start.
		assertThat(this.admission.admit(impatient, null)).isNull();
		this.estimate.set(new QueueEstimate(true, 5000, 600, 0, 0, 0, this.now.get()));
		assertThat(this.admission.admit(impatient, null)).isNull();
		this.estimate.set(new QueueEstimate(true, 5000, 600, 10, 2, 0, this.now.get() - 31_000_000_000L));
		assertThat(this.admission.admit(impatient, null)).isNull();
	}

	@Test
	void canBeSwitchedOff() {
		Admission off = admission(new AdmissionProperties(false, 1, 0));
		this.estimate.set(measured(5000, 600, 1));

		assertThat(off.admit(submission(Duration.ofMillis(1)), null)).isEqualTo(Duration.ofSeconds(5000));
	}

	private Admission admission(AdmissionProperties properties) {
		return new Admission(this.estimate::get, INTERVAL, properties, new Reservations(1000), this.now::get);
	}

	private QueueEstimate measured(long depth, double lagSeconds, double drainPerSecond) {
		return new QueueEstimate(true, depth, lagSeconds, drainPerSecond, 2, 0, this.now.get());
	}

	private static Submission submission(Duration deadline) {
		return new Submission(QUERY, Map.of(), deadline);
	}

}
