package dev.sluice.worker.execute;

import dev.sluice.contract.QueryError;

/**
 * The database refused or aborted the query itself (bad input, statement timeout, ...):
 * the query ends {@code FAILED} with {@link #error()}. The exception's message holds what
 * the database said, for the worker's log only.
 */
public class QueryFailedException extends RuntimeException {

	private final transient QueryError error;

	/**
	 * @param error the error for the status document
	 * @param databaseMessage the database's own one-line message, which may quote data
	 * @param cause the driver's exception
	 */
	public QueryFailedException(QueryError error, String databaseMessage, Throwable cause) {
		super(error.code() + ": " + databaseMessage, cause);
		this.error = error;
	}

	/**
	 * The error for the status document: the SQLSTATE and a fixed message for it, no
	 * stack trace and nothing the database said.
	 * @return the error
	 */
	public QueryError error() {
		return this.error;
	}

}
