package dev.sluice.bench.sample;

/**
 * What the samplers read in one second of a run.
 *
 * @param second seconds since the start of the run
 * @param dbConnections client connections to the demo database (pg_stat_activity)
 * @param dbActive of those, the ones running a query or inside a transaction
 * @param workersActive of those, Sluice's workers' connections running a statement
 * ({@code application_name} {@code sluice-worker-*}, {@code state = 'active'}); 0 for
 * other targets
 * @param dbQps catalog queries the target sent to the database per second since the
 * previous sample, by the target's own counter (the gateway's, or the workers'
 * {@code sluice_db_queries_total}); NaN when it could not be read
 * @param dbXacts transactions committed or rolled back per second in the demo database
 * (pg_stat_database): PostgreSQL's view, which also counts protocol round trips such as a
 * driver's describe or a pool's validation
 * @param queueDepth Sluice's {@code sluice_queue_depth}, or -1 for a target without a
 * queue or when it could not be read
 */
public record Sample(long second, int dbConnections, int dbActive, int workersActive, double dbQps, double dbXacts,
		long queueDepth) {
}
