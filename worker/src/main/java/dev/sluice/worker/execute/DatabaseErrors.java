package dev.sluice.worker.execute;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Set;

/**
 * Tells "the database is down" apart from "this query failed". The first must not burn
 * queries as {@code FAILED}; the second must not stall the queue.
 * <p>
 * A failed query's status carries its SQLSTATE and {@link #clientMessage}, never the
 * database's own message: that may quote the data the query read (e.g.
 * {@code invalid input syntax for type integer: "..."}), and the worker logs it instead.
 */
final class DatabaseErrors {

	/**
	 * SQLSTATEs outside class 08 that still mean the server, not the query, is the
	 * problem: shutting down, crashed, starting up, out of connection slots.
	 */
	private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

	/** query_canceled: a statement timeout or a cancel request. */
	static final String QUERY_CANCELED = "57014";

	/** The code of a database error that came without an SQLSTATE. */
	static final String SQL_ERROR = "SQL_ERROR";

	/**
	 * The classes of SQLSTATE, by their first two characters, as PostgreSQL's "Error
	 * Codes" appendix names them.
	 */
	private static final Map<String, String> CLASSES = Map.ofEntries(Map.entry("01", "warning"),
			Map.entry("02", "no data"), Map.entry("03", "SQL statement not yet complete"),
			Map.entry("08", "connection exception"), Map.entry("09", "triggered action exception"),
			Map.entry("0A", "feature not supported"), Map.entry("0B", "invalid transaction initiation"),
			Map.entry("0F", "locator exception"), Map.entry("0L", "invalid grantor"),
			Map.entry("0P", "invalid role specification"), Map.entry("0Z", "diagnostics exception"),
			Map.entry("20", "case not found"), Map.entry("21", "cardinality violation"),
			Map.entry("22", "data exception"), Map.entry("23", "integrity constraint violation"),
			Map.entry("24", "invalid cursor state"), Map.entry("25", "invalid transaction state"),
			Map.entry("26", "invalid SQL statement name"), Map.entry("27", "triggered data change violation"),
			Map.entry("28", "invalid authorization specification"),
			Map.entry("2B", "dependent privilege descriptors still exist"),
			Map.entry("2D", "invalid transaction termination"), Map.entry("2F", "SQL routine exception"),
			Map.entry("34", "invalid cursor name"), Map.entry("38", "external routine exception"),
			Map.entry("39", "external routine invocation exception"), Map.entry("3B", "savepoint exception"),
			Map.entry("3D", "invalid catalog name"), Map.entry("3F", "invalid schema name"),
			Map.entry("40", "transaction rollback"), Map.entry("42", "syntax error or access rule violation"),
			Map.entry("44", "WITH CHECK OPTION violation"), Map.entry("53", "insufficient resources"),
			Map.entry("54", "program limit exceeded"), Map.entry("55", "object not in prerequisite state"),
			Map.entry("57", "operator intervention"), Map.entry("58", "system error"),
			Map.entry("72", "snapshot failure"), Map.entry("F0", "configuration file error"),
			Map.entry("HV", "foreign data wrapper error"), Map.entry("P0", "PL/pgSQL error"),
			Map.entry("XX", "internal error"));

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
	 * The code a failed query's status carries.
	 * @param ex the exception
	 * @return its SQLSTATE, or {@value #SQL_ERROR} when it has none
	 */
	static String code(SQLException ex) {
		return (ex.getSQLState() != null) ? ex.getSQLState() : SQL_ERROR;
	}

	/**
	 * What a client is told about a database error: the same text for every occurrence of
	 * a code, naming its SQLSTATE class, and nothing the database said.
	 * @param code an SQLSTATE or {@value #SQL_ERROR}, as {@link #code} returns it
	 * @return a one-line message
	 */
	static String clientMessage(String code) {
		if (SQL_ERROR.equals(code)) {
			return "the database driver failed without an SQLSTATE; the worker's log has its message";
		}
		String sqlClass = CLASSES.get(code.substring(0, Math.min(2, code.length())));
		return "the database refused the query with SQLSTATE " + code
				+ ((sqlClass != null) ? " (" + sqlClass + ")" : "")
				+ "; the worker's log has the database's own message, which may quote data";
	}

	/**
	 * The database's own message, without the severity prefix and the multi-line
	 * position/detail block that pgjdbc appends: for the worker's log, never for a
	 * client.
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
