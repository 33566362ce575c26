package dev.sluice.worker.pipeline;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * The ids this process is working on or finished recently, so that a duplicate delivery
 * (after a rebalance, a retried batch or a producer retry) does not run a query twice in
 * one worker.
 */
final class FinishedQueries {

	/**
	 * Bounds memory at high throughput; duplicates arrive close to the original, so the
	 * oldest ids are the ones worth forgetting.
	 */
	static final long MAX_IDS = 500_000;

	private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

	private final Cache<String, Boolean> finished;

	private final ConcurrentMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

	/**
	 * @param remember how long a finished id is remembered, normally the results
	 * retention
	 */
	FinishedQueries(Duration remember) {
		this.finished = Caffeine.newBuilder().expireAfterWrite(remember).maximumSize(MAX_IDS).build();
	}

	/**
	 * Claim a query id for processing.
	 * @param queryId the id
	 * @param done completes when this claim's terminal status is acknowledged
	 * @return {@code null} if the caller now owns the id; otherwise the future of the
	 * earlier claim (already complete if the id finished recently), which the duplicate
	 * should share instead of processing the query again
	 */
	@Nullable CompletableFuture<Void> claim(String queryId, CompletableFuture<Void> done) {
		if (this.finished.getIfPresent(queryId) != null) {
			return DONE;
		}
		return this.inFlight.putIfAbsent(queryId, done);
	}

	/**
	 * Give up a claim.
	 * @param queryId the id
	 * @param finished whether its terminal status was acknowledged; if not, a later
	 * delivery processes it again
	 */
	void release(String queryId, boolean finished) {
		if (finished) {
			this.finished.put(queryId, Boolean.TRUE);
		}
		this.inFlight.remove(queryId);
	}

}
