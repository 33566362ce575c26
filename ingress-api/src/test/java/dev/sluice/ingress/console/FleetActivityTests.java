package dev.sluice.ingress.console;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.QueryError;
import dev.sluice.contract.QueryResult;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.StatusHead;
import dev.sluice.ingress.console.ConsoleSeries.Point;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FleetActivityTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final FleetActivity activity = new FleetActivity(Duration.ofSeconds(60), Duration.ofSeconds(10));

	private static final QueryStatus RUNNING = QueryStatus
		.queued(new QuerySubmitted("q_0", "item", Map.of("id", "1"), NOW, NOW.plusSeconds(30)))
		.running(NOW);

	private int ids;

	@Test
	void seriesCoversTheWindowInCompleteSecondsOldestFirst() {
		ConsoleSeries series = this.activity.series(NOW.plusMillis(400));

		assertThat(series.windowSeconds()).isEqualTo(60);
		assertThat(series.smoothingSeconds()).isEqualTo(10);
		assertThat(series.points()).hasSize(60);
		assertThat(series.points().get(0).epochSecond()).isEqualTo(NOW.getEpochSecond() - 60);
		assertThat(series.points().get(59).epochSecond()).isEqualTo(NOW.getEpochSecond() - 1);
		assertThat(series.points()).allSatisfy((point) -> {
			assertThat(point.accepted()).isZero();
			assertThat(point.queueDepth()).isNull();
			assertThat(point.endToEndP95Seconds()).isNull();
			assertThat(point.cacheHitRatio()).isNull();
		});
	}

	@Test
	void queuedStatusesCountAsAcceptedInTheSecondTheyWereSubmitted() {
		record(null, queued(NOW.minusSeconds(5)));
		record(null, queued(NOW.minusSeconds(5).plusMillis(999)));
		record(null, queued(NOW.minusSeconds(3)));

		Map<Long, Point> points = pointsBySecond();
		assertThat(points.get(NOW.getEpochSecond() - 5).accepted()).isEqualTo(2);
		assertThat(points.get(NOW.getEpochSecond() - 4).accepted()).isZero();
		assertThat(points.get(NOW.getEpochSecond() - 3).accepted()).isEqualTo(1);
	}

	@Test
	void aQueryFirstSeenInATerminalStateStillCountsAsAccepted() {
		record(null, succeeded(NOW.minusSeconds(4), NOW.minusSeconds(3), CacheOutcome.HIT));

		Map<Long, Point> points = pointsBySecond();
		assertThat(points.get(NOW.getEpochSecond() - 4).accepted()).isEqualTo(1);
		assertThat(points.get(NOW.getEpochSecond() - 3).accepted()).isZero();
	}

	@Test
	void onlyCacheMissesCountAsDatabaseQueries() {
		Instant done = NOW.minusSeconds(2);
		record(RUNNING, succeeded(done.minusMillis(100), done, CacheOutcome.MISS));
		record(RUNNING, succeeded(done.minusMillis(100), done, CacheOutcome.HIT));
		record(RUNNING, succeeded(done.minusMillis(100), done, CacheOutcome.COALESCED));

		assertThat(pointsBySecond().get(done.getEpochSecond()).dbQueries()).isEqualTo(1);
	}

	@Test
	void runningStatusOfAKnownQueryCountsNowhere() {
		Instant at = NOW.minusSeconds(2);
		QueryStatus queued = queued(at);
		record(queued, queued.running(at));

		Point point = pointsBySecond().get(at.getEpochSecond());
		assertThat(point.accepted()).isZero();
		assertThat(point.dbQueries()).isZero();
		assertThat(point.endToEndP95Seconds()).isNull();
	}

	@Test
	void cacheHitRatioIsTheShareOfHitsOverTheTrailingWindow() {
		record(RUNNING, succeeded(NOW.minusSeconds(9), NOW.minusSeconds(8), CacheOutcome.HIT));
		record(RUNNING, succeeded(NOW.minusSeconds(9), NOW.minusSeconds(8), CacheOutcome.MISS));
		record(RUNNING, succeeded(NOW.minusSeconds(3), NOW.minusSeconds(2), CacheOutcome.MISS));
		record(RUNNING, succeeded(NOW.minusSeconds(3), NOW.minusSeconds(2), CacheOutcome.MISS));

		Map<Long, Point> points = pointsBySecond();
		assertThat(points.get(NOW.getEpochSecond() - 8).cacheHitRatio()).isEqualTo(0.5);
		assertThat(points.get(NOW.getEpochSecond() - 1).cacheHitRatio()).isEqualTo(0.25);
		assertThat(points.get(NOW.getEpochSecond() - 20).cacheHitRatio()).isNull();
	}

	@Test
	void endToEndP95IsTheNearestRankOverTheTrailingWindow() {
		Instant done = NOW.minusSeconds(1);
		for (int millis = 1; millis <= 100; millis++) {
			record(RUNNING, succeeded(done.minusMillis(millis * 10L), done, CacheOutcome.MISS));
		}
		record(RUNNING, failed(done.minusSeconds(30), done.minusSeconds(15)));

		Map<Long, Point> points = pointsBySecond();
		assertThat(points.get(done.getEpochSecond()).endToEndP95Seconds()).isEqualTo(0.95);
		assertThat(points.get(done.getEpochSecond() - 14).endToEndP95Seconds()).isEqualTo(15.0);
		assertThat(points.get(done.getEpochSecond() - 20).endToEndP95Seconds()).isNull();
	}

	@Test
	void p95OfNoSamplesIsUnknown() {
		assertThat(FleetActivity.p95Seconds(List.of())).isNull();
		assertThat(FleetActivity.p95Seconds(List.of(new long[] { 1500 }))).isEqualTo(1.5);
	}

	@Test
	void queueSamplesAreKeptPerSecondAndUnknownReadsAsNull() {
		this.activity.sampleQueue(NOW.minusSeconds(3), 42, 1.5, 2);
		this.activity.sampleQueue(NOW.minusSeconds(2), Double.NaN, Double.NaN, -1);

		Map<Long, Point> points = pointsBySecond();
		Point known = points.get(NOW.getEpochSecond() - 3);
		assertThat(known.queueDepth()).isEqualTo(42.0);
		assertThat(known.queueLagSeconds()).isEqualTo(1.5);
		assertThat(known.workersConsuming()).isEqualTo(2.0);
		Point unknown = points.get(NOW.getEpochSecond() - 2);
		assertThat(unknown.queueDepth()).isNull();
		assertThat(unknown.queueLagSeconds()).isNull();
		assertThat(unknown.workersConsuming()).isNull();
	}

	@Test
	void secondsOlderThanTheRingAreIgnoredAndNeverOverwriteNewerOnes() {
		record(null, queued(NOW.minusSeconds(2)));
		record(null, queued(NOW.minusSeconds(2 + 71)));
		record(null, queued(NOW.minusSeconds(3600)));

		assertThat(pointsBySecond().get(NOW.getEpochSecond() - 2).accepted()).isEqualTo(1);
		assertThat(this.activity.series(NOW).points()).extracting(Point::accepted).containsOnly(0, 1);
	}

	@Test
	void aSecondIsReusedOnceTheRingComesRound() {
		record(null, queued(NOW.minusSeconds(2)));

		Instant later = NOW.plusSeconds(71);
		record(null, queued(later.minusSeconds(2)));

		ConsoleSeries series = this.activity.series(later);
		assertThat(series.points()).extracting(Point::accepted).containsOnly(0, 1);
		assertThat(series.points().stream().mapToInt(Point::accepted).sum()).isEqualTo(1);
	}

	@Test
	void smoothing_longerThanWindow() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FleetActivity(Duration.ofSeconds(10), Duration.ofSeconds(11)))
			.withMessageContaining("smoothing");
	}

	/** The view hands the activity only the heads of the statuses. */
	private void record(QueryStatus previous, QueryStatus status) {
		this.activity.record((previous != null) ? StatusHead.of(previous) : null, StatusHead.of(status));
	}

	private Map<Long, Point> pointsBySecond() {
		return this.activity.series(NOW)
			.points()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Point::epochSecond, (point) -> point));
	}

	private QueryStatus queued(Instant submittedAt) {
		return QueryStatus.queued(new QuerySubmitted("q_" + (++this.ids), "item", Map.of("id", "1"), submittedAt,
				submittedAt.plusSeconds(30)));
	}

	private QueryStatus succeeded(Instant submittedAt, Instant completedAt, CacheOutcome cache) {
		return queued(submittedAt).running(submittedAt)
			.succeeded(completedAt, cache, new QueryResult(List.of(), List.of(), 0, false));
	}

	private QueryStatus failed(Instant submittedAt, Instant completedAt) {
		return queued(submittedAt).running(submittedAt)
			.ended(QueryState.FAILED, completedAt, new QueryError("57014", "canceling statement"));
	}

}
