package dev.sluice.worker.pipeline;

import dev.sluice.worker.execute.DatabaseUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * What the queries of the in-flight window learn from each other while they run in
 * parallel: once one found the database unavailable, the others do not each wait for a
 * connection time-out, and the window retries all of them after a back-off.
 */
public final class DatabaseOutage {

	private volatile @Nullable DatabaseUnavailableException databaseUnavailable;

	/**
	 * @return the failure, or {@code null} while the database answers
	 */
	@Nullable DatabaseUnavailableException databaseUnavailable() {
		return this.databaseUnavailable;
	}

	void databaseUnavailable(DatabaseUnavailableException ex) {
		this.databaseUnavailable = ex;
	}

	/** The back-off is over: the next query tries the database again. */
	public void retry() {
		this.databaseUnavailable = null;
	}

}
