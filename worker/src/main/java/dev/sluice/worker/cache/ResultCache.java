package dev.sluice.worker.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.EncodedResult;
import dev.sluice.contract.RoutingKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

/**
 * Results of recent executions plus the executions in flight, keyed by
 * {@link RoutingKey}. Identical queries therefore share one database execution while it
 * runs ({@link CacheOutcome#COALESCED}) and its result for the catalog's {@code cacheTtl}
 * afterwards ({@link CacheOutcome#HIT}).
 * <p>
 * A result is kept for its own TTL (zero: dropped as soon as it is delivered, though it
 * was still shared while in flight). Failed, unavailable and abandoned outcomes are never
 * served from the cache.
 * <p>
 * A result is held as its {@link EncodedResult}, the rows encoded once by the execution:
 * every hit and every coalesced query gets that same instance and splices its bytes into
 * its own status. The cache is bounded by memory: an entry weighs the size of its encoded
 * rows plus {@link #ENTRY_OVERHEAD}. An execution in flight weighs nothing until it
 * completes, so it is never evicted by the bound, and coalescing always works.
 *
 * <pre>{@code
 * CacheLookup lookup = cache.lookup(routingKey, queryId);
 * if (lookup.outcome() == CacheOutcome.MISS) {
 *     lookup.execution().complete(execute());   // the caller runs it for everyone
 * }
 * lookup.execution().thenAccept(outcome -> ...);
 * }</pre>
 */
public class ResultCache implements MeterBinder {

	/**
	 * The name under which Caffeine's statistics appear, e.g. {@code cache_gets_total}.
	 */
	public static final String NAME = "sluice-results";

	/**
	 * An estimate of the bytes an entry takes besides its encoded rows: the key, the
	 * execution with its member set, the outcome and Caffeine's node.
	 */
	static final int ENTRY_OVERHEAD = 512;

	private final AsyncCache<String, ExecutionOutcome> cache;

	/**
	 * @param maxBytes the bound on the weight of the completed entries
	 * @param ticker the time source of the TTLs
	 */
	ResultCache(long maxBytes, Ticker ticker) {
		this.cache = Caffeine.newBuilder()
			.maximumWeight(maxBytes)
			.weigher(ResultCache::weight)
			.expireAfter(Expiry.creating(ResultCache::timeToLive))
			.ticker(ticker)
			.recordStats()
			.buildAsync();
	}

	AsyncCache<String, ExecutionOutcome> caffeine() {
		return this.cache;
	}

	/**
	 * Binds Caffeine's statistics as
	 * {@code cache_gets_total{cache="sluice-results",result=hit|miss}}; an execution in
	 * flight counts as a hit there, and {@code sluice_cache_lookups_total} tells hits and
	 * coalescing apart. As a bean, the cache is bound to the application's registry at
	 * start-up.
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		CaffeineCacheMetrics.monitor(registry, this.cache, NAME);
	}

	/**
	 * Find a fresh result or an execution in flight for {@code key}, or register a new
	 * execution that the caller must then run and complete.
	 * @param key the routing key of the query name and its wire parameters
	 * @param queryId the query looking; it becomes a member of the returned execution
	 * unless the outcome is a {@link CacheOutcome#HIT}
	 * @return the lookup; never blocks on an execution
	 */
	public CacheLookup lookup(String key, String queryId) {
		while (true) {
			SharedExecution[] created = new SharedExecution[1];
			CompletableFuture<ExecutionOutcome> found = this.cache.get(key, (k, executor) -> {
				created[0] = new SharedExecution(k, queryId);
				return created[0];
			});
			if (created[0] != null) {
				return new CacheLookup(CacheOutcome.MISS, created[0]);
			}
			SharedExecution execution = (SharedExecution) found;
			if (execution.isDone()) {
				if (execution.join() instanceof ExecutionOutcome.Succeeded) {
					return new CacheLookup(CacheOutcome.HIT, execution);
				}
				// Completed without a cacheable result and not yet evicted: drop it.
				this.cache.asMap().remove(key, execution);
			}
			else if (execution.enlist(queryId)) {
				return new CacheLookup(CacheOutcome.COALESCED, execution);
			}
			else if (execution.isAbandoned()) {
				// Its last member left; leave() is removing it, make sure it is gone.
				this.cache.asMap().remove(key, execution);
			}
			// Otherwise it completed a moment ago: look again.
		}
	}

	/**
	 * A member no longer wants the outcome (it was cancelled). When it was the last one
	 * the execution is abandoned: its statement is cancelled and it is removed, so a new
	 * identical query starts afresh instead of joining a doomed execution.
	 * @param execution the execution
	 * @param queryId the leaving member
	 * @return {@code true} if this abandoned the execution
	 */
	public boolean leave(SharedExecution execution, String queryId) {
		if (!execution.leave(queryId)) {
			return false;
		}
		this.cache.asMap().remove(execution.key(), execution);
		return true;
	}

	private static int weight(String key, ExecutionOutcome outcome) {
		return (outcome instanceof ExecutionOutcome.Succeeded succeeded) ? ENTRY_OVERHEAD + succeeded.result().size()
				: 0;
	}

	private static Duration timeToLive(String key, ExecutionOutcome outcome) {
		return (outcome instanceof ExecutionOutcome.Succeeded succeeded) ? succeeded.ttl() : Duration.ZERO;
	}

}
