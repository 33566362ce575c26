package dev.sluice.bench.sample;

/**
 * What the samplers read in one second of a run.
 *
 * @param second seconds since the start of the run
 * @param dbConnections client connections to the demo database (pg_stat_activity)
 * @param dbActive of those, the ones running a query or inside a transaction
 * @param dbQps transactions committed or rolled back per second in the demo database
 * since the previous sample (pg_stat_database)
 * @param queueDepth Sluice's {@code sluice_queue_depth}, or -1 for a target without a
 * queue or when it could not be read
 */
public record Sample(long second, int dbConnections, int dbActive, double dbQps, long queueDepth) {
}
