package dev.sluice.client;

/**
 * How a worker obtained a query's result.
 */
public enum CacheOutcome {

	/** Executed on the database for this query. */
	MISS,

	/** Served from a worker's cache without touching the database. */
	HIT,

	/** Shared the execution of an identical query that was already in flight. */
	COALESCED

}
