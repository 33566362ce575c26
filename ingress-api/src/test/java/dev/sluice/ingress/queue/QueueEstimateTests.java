package dev.sluice.ingress.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueEstimateTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void theDrainRateIsHowFastTheCommittedOffsetsAdvance() {
		QueueEstimate first = QueueEstimate.next(QueueEstimate.UNKNOWN, new QueueBacklog(600, 2.0, 2, 1000), 0, 0);
		QueueEstimate second = QueueEstimate.next(first, new QueueBacklog(400, 2.5, 2, 1500), 5 * SECOND, 0);

		assertThat(first.drainPerSecond()).isZero();
		assertThat(second.drainPerSecond()).isEqualTo(100.0);
		// 400 waiting at 100/s: 4 s, more than the oldest's 2.5 s.
		assertThat(second.expectedWait()).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void theRateFallsAtOnceAndRisesByHalfTheDifference() {
		QueueEstimate estimate = QueueEstimate.next(QueueEstimate.UNKNOWN, new QueueBacklog(5000, 1, 1, 0), 0, 0);
		estimate = QueueEstimate.next(estimate, new QueueBacklog(4000, 1, 1, 1000), 10 * SECOND, 0);
		QueueEstimate slower = QueueEstimate.next(estimate, new QueueBacklog(3600, 1, 1, 1400), 20 * SECOND, 0);
		QueueEstimate faster = QueueEstimate.next(slower, new QueueBacklog(2800, 1, 1, 2200), 30 * SECOND, 0);

		assertThat(estimate.drainPerSecond()).isEqualTo(100.0);
		assertThat(slower.drainPerSecond()).isEqualTo(40.0);
		assertThat(faster.drainPerSecond()).isEqualTo(60.0);
	}

	@Test
	void aBurstThatArrivedMidwayThroughAnIdleIntervalSetsOnlyAFloorThatTheFirstBusyIntervalReplaces() {
		QueueEstimate idle = QueueEstimate.next(QueueEstimate.UNKNOWN, new QueueBacklog(0, 0, 2, 1000), 0, 0);
		// 1500 arrived in the last second of the interval; the workers finished 100 of
		// them.
		QueueEstimate burst = QueueEstimate.next(idle, new QueueBacklog(1400, 0.8, 2, 1100), 5 * SECOND, 0);
		// Busy all through the next interval: 500 finished.
		QueueEstimate busy = QueueEstimate.next(burst, new QueueBacklog(900, 5.5, 2, 1600), 10 * SECOND, 0);

		assertThat(burst.drainPerSecond()).isEqualTo(20.0);
		assertThat(burst.busyRate()).isFalse();
		assertThat(burst.expectedWait()).isEqualTo(Duration.ofSeconds(70));
		assertThat(busy.drainPerSecond()).isEqualTo(100.0);
		assertThat(busy.busyRate()).isTrue();
	}

	@Test
	void aHandfulOfRecordsNotYetCommittedOnAnIdleStackDoesNotLowerTheRate() {
		// Measured at 100/s when busy; idle since, with 3 records finished but not yet
		// committed, and nothing finished in the interval.
		QueueEstimate idle = new QueueEstimate(true, 3, 0.2, 100, 2, 1000, 0);
		QueueEstimate stillIdle = QueueEstimate.next(idle, new QueueBacklog(3, 0.2, 2, 1000), 5 * SECOND, 0);

		assertThat(stillIdle.drainPerSecond()).isEqualTo(100.0);
		assertThat(stillIdle.busyRate()).isTrue();
	}

	@Test
	void anIntervalThatRanOutOfWorkRaisesTheRateButNeverLowersIt() {
		QueueEstimate busy = new QueueEstimate(true, 30, 0.1, 100, 2, 1000, 0);

		QueueEstimate quiet = QueueEstimate.next(busy, new QueueBacklog(0, 0, 2, 1040), SECOND, 0);
		QueueEstimate faster = QueueEstimate.next(quiet, new QueueBacklog(0, 0, 2, 1340), 2 * SECOND, 0);

		assertThat(quiet.drainPerSecond()).isEqualTo(100.0);
		assertThat(faster.drainPerSecond()).isEqualTo(300.0);
	}

	@Test
	void aFleetThatStoppedDrainingWaitsAsLongAsItsOldestRecord() {
		QueueEstimate stalled = new QueueEstimate(true, 300, 12.5, 0, 2, 0, 0);

		assertThat(stalled.expectedWait()).isEqualTo(Duration.ofMillis(12500));
		assertThat(stalled.untilDepth(0)).isEmpty();
	}

	@Test
	void aSmallBacklogWaitsAsLongAsItsOldestRecordWhateverTheRate() {
		// Five records in flight on a quiet stack, one finished in the last five seconds.
		QueueEstimate quiet = new QueueEstimate(true, 5, 0.3, 0.2, 2, 0, 0);

		assertThat(quiet.expectedWait()).isEqualTo(Duration.ofMillis(300));
		assertThat(new QueueEstimate(true, 100, 0.3, 0.2, 2, 0, 0).expectedWait()).isEqualTo(Duration.ofSeconds(500));
	}

	@Test
	void anEmptyQueueHasNoWait() {
		assertThat(new QueueEstimate(true, 0, 0, 0, 2, 0, 0).expectedWait()).isZero();
	}

	@Test
	void aProjectionAddsWhatWasQueuedAndTakesWhatDrainedSince() {
		QueueEstimate measured = new QueueEstimate(true, 1000, 5, 100, 2, 0, 0);

		assertThat(measured.projected(50, 2 * SECOND).depth()).isEqualTo(850);
		assertThat(measured.projected(0, 20 * SECOND).depth()).isZero();
		assertThat(measured.projected(50, 0).depth()).isEqualTo(1050);
	}

	@Test
	void untilDepthIsTheBacklogAboveItAtTheDrainRate() {
		QueueEstimate estimate = new QueueEstimate(true, 1000, 5, 100, 2, 0, 0);

		assertThat(estimate.untilDepth(300)).hasValue(Duration.ofSeconds(7));
		assertThat(estimate.untilDepth(2000)).hasValue(Duration.ZERO);
	}

	@Test
	void anEstimateCountsOnlyWhileRecent() {
		QueueEstimate estimate = new QueueEstimate(true, 1, 0, 1, 1, 0, 0);

		assertThat(estimate.isFresh(10 * SECOND, Duration.ofSeconds(15))).isTrue();
		assertThat(estimate.isFresh(16 * SECOND, Duration.ofSeconds(15))).isFalse();
		assertThat(QueueEstimate.UNKNOWN.isFresh(0, Duration.ofSeconds(15))).isFalse();
	}

}
