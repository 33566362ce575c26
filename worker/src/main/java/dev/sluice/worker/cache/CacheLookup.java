package dev.sluice.worker.cache;

import dev.sluice.contract.CacheOutcome;

/**
 * What {@link ResultCache#lookup} found.
 *
 * @param outcome {@link CacheOutcome#MISS}: the caller must run the execution and
 * complete it; {@link CacheOutcome#HIT}: the execution completed earlier with a result
 * still fresh; {@link CacheOutcome#COALESCED}: the caller joined an execution in flight
 * @param execution the execution whose outcome the caller waits for
 */
public record CacheLookup(CacheOutcome outcome, SharedExecution execution) {
}
