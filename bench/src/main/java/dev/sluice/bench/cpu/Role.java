package dev.sluice.bench.cpu;

import java.util.EnumSet;
import java.util.Set;

/** What a measured process does in a run, to group CPU by. */
public enum Role {

	/** Sluice's HTTP front. */
	INGRESS,

	/** A Sluice worker. */
	WORKER,

	/** The Kafka broker under Sluice. */
	BROKER,

	/** The synchronous gateway JVM of the direct and pgbouncer targets. */
	GATEWAY,

	/** PgBouncer in front of PostgreSQL. */
	POOLER,

	/** PostgreSQL: the postmaster and all its child processes. */
	DATABASE,

	/** The bench JVM: Gatling, the samplers, the report. */
	LOAD_DRIVER;

	/** Sluice's own processes: what it costs to put a queue in front of the database. */
	public static final Set<Role> PIPELINE = EnumSet.of(INGRESS, WORKER, BROKER);

}
