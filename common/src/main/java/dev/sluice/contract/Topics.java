package dev.sluice.contract;

/**
 * Names of the Kafka topics that make up Sluice's wire contract.
 *
 * <pre>{@code
 * ingress ──QuerySubmitted──▶ sluice.queries ──▶ workers ──QueryStatus──▶ sluice.results ──▶ every ingress
 * ingress ──QueryCancelRequested──▶ sluice.cancels ──▶ every worker
 * }</pre>
 */
public final class Topics {

	/**
	 * Submitted queries, keyed by {@link RoutingKey} so identical queries share a
	 * partition.
	 */
	public static final String QUERIES = "sluice.queries";

	/**
	 * Every state change of every query, keyed by query id. Materialized by each ingress.
	 */
	public static final String RESULTS = "sluice.results";

	/** Cancel requests, keyed by query id. Read in full by every worker. */
	public static final String CANCELS = "sluice.cancels";

	/** Records of {@link #QUERIES} that could not be decoded. */
	public static final String QUERIES_DEAD_LETTER = "sluice.queries.dlt";

	/** Consumer group of the worker fleet. */
	public static final String WORKER_GROUP = "sluice-workers";

	private Topics() {
	}

}
