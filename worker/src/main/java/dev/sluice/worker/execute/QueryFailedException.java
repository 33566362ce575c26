package dev.sluice.worker.execute;

import dev.sluice.contract.QueryError;

/**
 * The database refused or aborted the query itself (bad input, statement timeout, ...):
 * the query ends {@code FAILED} with {@link #error()}.
 */
public class QueryFailedException extends RuntimeException {

	private final transient QueryError error;

	public QueryFailedException(QueryError error, Throwable cause) {
		super(error.code() + ": " + error.message(), cause);
		this.error = error;
	}

	/**
	 * The error for the status document: the SQLSTATE and the database's message, no
	 * stack trace.
	 * @return the error
	 */
	public QueryError error() {
		return this.error;
	}

}
