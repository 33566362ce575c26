package dev.sluice.worker.execute;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells "the database is down" apart from "this query failed". The first must not burn
 * queries as {@code FAILED}; the second must not stall the queue.
 */
final class DatabaseErrors {

	/**
	 * SQLSTATEs outside class 08 that still mean the server, not the query, is the
	 * problem: shutting down, crashed, starting up, out of connection slots.
	 */
	private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

	/** query_canceled: a statement timeout or a cancel request. */
	static final String QUERY_CANCELED = "57014";

	private DatabaseErrors() {
	}

	/**
	 * Whether the exception means the database is unreachable or lost the connection.
	 * @param ex an exception from a connection, statement or result set
	 * @return {@code true} for SQLSTATE class 08, server shutdown/start-up, connection
	 * refused or reset, and pool time-outs
	 */
	static boolean isUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
					|| cause instanceof IOException) {
				return true;
			}
			if (cause instanceof SQLException sql) {
				String state = sql.getSQLState();
				if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
					return true;
				}
				if (sql.getNextException() != null && isUnavailable(sql.getNextException())) {
					return true;
				}
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * The database's own message, without the severity prefix and the multi-line
	 * position/detail block that pgjdbc appends.
	 * @param ex the exception
	 * @return a one-line message
	 */
	static String message(SQLException ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		int newline = message.indexOf('\n');
		String line = (newline >= 0) ? message.substring(0, newline) : message;
		for (String prefix : new String[] { "ERROR: ", "FATAL: " }) {
			if (line.startsWith(prefix)) {
				return line.substring(prefix.length()).trim();
			}
		}
		return line.trim();
	}

}
