package dev.sluice.worker.consume;

import dev.sluice.worker.execute.DatabaseUnavailableException;

/**
 * What the queries of one batch learn from each other while they run in parallel.
 */
final class BatchState {

	private volatile DatabaseUnavailableException databaseUnavailable;

	/**
	 * Once one query found the database unavailable, the rest of the batch does not wait
	 * for a connection time-out each: the batch is retried from the first such query.
	 * @return the failure, or {@code null} while the database answers
	 */
	DatabaseUnavailableException databaseUnavailable() {
		return this.databaseUnavailable;
	}

	void databaseUnavailable(DatabaseUnavailableException ex) {
		this.databaseUnavailable = ex;
	}

}
