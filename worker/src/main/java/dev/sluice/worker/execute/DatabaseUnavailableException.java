package dev.sluice.worker.execute;

/**
 * The database could not be reached or dropped the connection. Not the query's fault: the
 * query must wait in Kafka and be retried once the database is back, not end
 * {@code FAILED}.
 */
public class DatabaseUnavailableException extends RuntimeException {

	public DatabaseUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
