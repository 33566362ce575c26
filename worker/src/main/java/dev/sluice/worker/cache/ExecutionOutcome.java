package dev.sluice.worker.cache;

import java.time.Duration;

import dev.sluice.contract.EncodedResult;
import dev.sluice.contract.QueryError;

/**
 * How a shared execution ended. Only {@link Succeeded} is ever served from the cache;
 * every other outcome reaches the queries that waited for it and is then forgotten.
 */
public sealed interface ExecutionOutcome {

	/**
	 * @param result the rows, encoded once; every query served by this outcome shares the
	 * instance
	 * @param ttl how long the result may be served from the cache; zero means never
	 */
	record Succeeded(EncodedResult result, Duration ttl) implements ExecutionOutcome {
	}

	/**
	 * @param error the SQLSTATE (or Sluice code) and message
	 */
	record Failed(QueryError error) implements ExecutionOutcome {
	}

	/**
	 * The database was unreachable: the waiting queries must be retried, not failed.
	 *
	 * @param cause what went wrong
	 */
	record Unavailable(RuntimeException cause) implements ExecutionOutcome {
	}

	/** Every waiting query was cancelled, so the execution was. */
	record Abandoned() implements ExecutionOutcome {
	}

}
