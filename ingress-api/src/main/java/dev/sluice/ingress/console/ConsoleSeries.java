package dev.sluice.ingress.console;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET /v1/console/series}: one point per second, oldest first.
 *
 * @param generatedAt when the series was taken, epoch milliseconds
 * @param windowSeconds how many seconds the points cover
 * @param smoothingSeconds the trailing window of {@code endToEndP95Seconds} and
 * {@code cacheHitRatio}
 * @param points one per second
 */
record ConsoleSeries(long generatedAt, int windowSeconds, int smoothingSeconds, List<Point> points) {

	/**
	 * One second of the fleet; {@code null} means not known for that second.
	 *
	 * @param epochSecond the second, seconds since the epoch (UTC)
	 * @param accepted queries submitted through any ingress replica in that second
	 * @param dbQueries queries that ended in that second after executing on the database
	 * (cache {@code MISS})
	 * @param queueDepth records waiting in {@code sluice.queries}
	 * @param queueLagSeconds age of the oldest of them, seconds
	 * @param workersConsuming workers holding partitions of {@code sluice.queries}
	 * @param endToEndP95Seconds 95th percentile of submit-to-terminal time of the queries
	 * that ended in the trailing window, seconds
	 * @param cacheHitRatio share of those queries served from a worker's cache, 0 to 1
	 */
	record Point(long epochSecond, int accepted, int dbQueries, @Nullable Double queueDepth,
			@Nullable Double queueLagSeconds, @Nullable Double workersConsuming, @Nullable Double endToEndP95Seconds,
			@Nullable Double cacheHitRatio) {
	}

}
