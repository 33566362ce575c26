package dev.sluice.ingress.submit;

import java.time.Duration;
import java.util.Map;
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

	private final Admission admission = new Admission(this.estimate::get, INTERVAL,
			new AdmissionProperties(true, 0, 0));

	@Test
	void admitsWhatTheQueueStartsBeforeTheDeadline() {
		// 1000 waiting at 100/s: 10 s, within 30 s.
		this.estimate.set(measured(1000, 4, 100));

		assertThat(this.admission.admit(submission(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void refusesWhatWouldWaitPastItsDeadlineWithTheTimeTheBacklogNeedsToShrink() {
		// 1000 waiting at 100/s: 10 s. A 4-s deadline can wait for 400 of them: retry
		// once 600 have drained, in 6 s.
		this.estimate.set(measured(1000, 4, 100));

		QueueFullException refused = catchThrowableOfType(QueueFullException.class,
				() -> this.admission.admit(submission(Duration.ofSeconds(4))));

		assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(6));
		assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("6");
		assertThat(refused.status().value()).isEqualTo(503);
		assertThat(refused.toProblemDetail().getType().toString()).isEqualTo("urn:sluice:problem:queue-full");
		assertThat(refused.getMessage()).contains("1000 queries wait", "100.0/s", "about 10 s", "deadline of 4000 ms");
	}

	@Test
	void headroomKeepsAShareOfTheDeadlineForTheEstimatesError() {
		Admission careful = new Admission(this.estimate::get, INTERVAL, new AdmissionProperties(true, 0, 0.25));
		// 800 waiting at 100/s: 8 s, within a 10-s deadline but not within 7.5 s.
		this.estimate.set(measured(800, 4, 100));

		QueueFullException refused = catchThrowableOfType(QueueFullException.class,
				() -> careful.admit(submission(Duration.ofSeconds(10))));

		// Down to the 750 that 7.5 s allow, at 100/s: 0.5 s, and never under a second.
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
		assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("1");
		assertThat(refused.getMessage()).contains("the 7500 ms its deadline of 10000 ms allows", "25 % headroom");
		assertThat(careful.admit(submission(Duration.ofSeconds(11)))).isEqualTo(Duration.ofSeconds(8));
	}

	@Test
	void countsItsOwnAdmissionsUntilTheNextMeasurement() {
		// 300 waiting at 100/s: 3 s. A 4-s deadline leaves room for about 100 more.
		this.estimate.set(measured(300, 1, 100));
		int admitted = 0;
		while (admitted < 1000) {
			try {
				this.admission.admit(submission(Duration.ofSeconds(4)));
				admitted++;
			}
			catch (QueueFullException ex) {
				break;
			}
		}

		// Plus what drains at 100/s while the loop runs.
		assertThat(admitted).isBetween(100, 130);
		// A new measurement replaces the projection.
		this.estimate.set(measured(300, 1, 100));
		assertThat(this.admission.admit(submission(Duration.ofSeconds(4)))).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void aStalledFleetIsJudgedByItsOldestRecordAndRetriedAfterTheNextMeasurement() {
		this.estimate.set(measured(50, 40, 0));

		QueueFullException refused = catchThrowableOfType(QueueFullException.class,
				() -> this.admission.admit(submission(Duration.ofSeconds(30))));

		assertThat(refused.retryAfter()).isEqualTo(INTERVAL);
		assertThat(this.admission.admit(submission(Duration.ofSeconds(60)))).isEqualTo(Duration.ofSeconds(40));
	}

	@Test
	void theBacklogCapRefusesWhateverTheDeadline() {
		Admission capped = new Admission(this.estimate::get, INTERVAL, new AdmissionProperties(true, 500, 0));
		this.estimate.set(measured(700, 1, 100));

		QueueFullException refused = catchThrowableOfType(QueueFullException.class,
				() -> capped.admit(submission(Duration.ofMinutes(10))));

		// Down to 499 at 100/s.
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(2010));
		assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("3");
		assertThat(refused.getMessage()).contains("at most 500 may wait");
	}

	@Test
	void admitsEverythingWithoutARecentEstimateOrWithoutWorkers() {
		Submission impatient = submission(Duration.ofMillis(1));

		// Admitted with no expected start: nothing can tell when it would start.
		assertThat(this.admission.admit(impatient)).isNull();
		this.estimate.set(new QueueEstimate(true, 5000, 600, 0, 0, 0, System.nanoTime()));
		assertThat(this.admission.admit(impatient)).isNull();
		this.estimate.set(new QueueEstimate(true, 5000, 600, 10, 2, 0, System.nanoTime() - 16_000_000_000L));
		assertThat(this.admission.admit(impatient)).isNull();
	}

	@Test
	void canBeSwitchedOff() {
		Admission off = new Admission(this.estimate::get, INTERVAL, new AdmissionProperties(false, 1, 0));
		this.estimate.set(measured(5000, 600, 1));

		assertThat(off.admit(submission(Duration.ofMillis(1)))).isEqualTo(Duration.ofSeconds(5000));
	}

	private static QueueEstimate measured(long depth, double lagSeconds, double drainPerSecond) {
		return new QueueEstimate(true, depth, lagSeconds, drainPerSecond, 2, 0, System.nanoTime());
	}

	private static Submission submission(Duration deadline) {
		return new Submission(QUERY, Map.of(), deadline);
	}

}
