package dev.sluice.worker.execute;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

import org.postgresql.jdbc.PgStatement;

/**
 * The catalog's per-query timeout, enforced without a round trip of its own.
 * <p>
 * <b>Per statement, on the client.</b> {@link #arm} gives the statement pgjdbc's query
 * timeout in milliseconds (JDBC's {@code setQueryTimeout} has whole seconds only). pgjdbc
 * then schedules a task on its timer thread when the statement starts and sends a cancel
 * request (on a connection of its own) only if the task fires before the statement ends.
 * Nothing is sent for a statement that ends in time, so a query is one round trip,
 * whatever the timeout of the query before it on the same connection. A statement
 * cancelled this way fails with SQLSTATE 57014 ("canceling statement due to user
 * request").
 * <p>
 * <b>The connection is clean afterwards.</b> When the statement ends, pgjdbc's
 * {@code killTimerTask} either unschedules the task or, if it already fired, waits until
 * its cancel is done, and the cancel is done only once the server has closed the cancel
 * connection, i.e. after it signalled the backend. A cancel signal that reaches a backend
 * already waiting for its next command is ignored by PostgreSQL, so it cannot hit the
 * next query on that connection. (A server slower than pgjdbc's
 * {@code cancelSignalTimeout}, 10 s by default, to accept a cancel request is the
 * exception; such a database is in trouble anyway.)
 * <p>
 * <b>A safety net on the server.</b> Should the client-side timer not fire (a stuck timer
 * thread, cancels queued behind an unreachable server), the session
 * {@code statement_timeout} of {@link #safetyNet} stops the statement on the server. It
 * is set once when the pool opens a connection, to the longest catalog timeout plus
 * {@link #SAFETY_MARGIN}, so that for every catalog query the client timer fires first.
 * Either way the query ends with SQLSTATE 57014, which {@link QueryExecutor} reports as
 * the catalog's timeout.
 * <p>
 * This replaced setting the session {@code statement_timeout} whenever a query's timeout
 * differed from the one its connection last had: an extra round trip, and an extra
 * transaction on the server, for more than half of the executions of a mixed workload.
 */
final class QueryTimeouts {

	/**
	 * How much longer than the longest catalog timeout the server-side safety net waits,
	 * so that it never races the client timer of a query within its timeout.
	 */
	static final Duration SAFETY_MARGIN = Duration.ofSeconds(1);

	private QueryTimeouts() {
	}

	/**
	 * Make {@code timeout} the statement's query timeout.
	 * @param statement a statement of a pgjdbc connection, possibly behind the pool's
	 * proxy, not yet executed
	 * @param timeout the catalog timeout
	 * @throws SQLException if the statement is not pgjdbc's or is closed
	 */
	static void arm(PreparedStatement statement, Duration timeout) throws SQLException {
		statement.unwrap(PgStatement.class).setQueryTimeoutMs(millis(timeout));
	}

	/**
	 * The timeout in milliseconds, at least one, because pgjdbc and PostgreSQL both read
	 * zero as "no timeout" and a catalog timeout below a millisecond is still a timeout.
	 * @param timeout the catalog timeout
	 * @return whole milliseconds, at least 1
	 */
	static long millis(Duration timeout) {
		return Math.max(1, timeout.toMillis());
	}

	/**
	 * The SQL that sets the session {@code statement_timeout} safety net; run once per
	 * connection.
	 * @param longest the longest timeout of the catalog
	 * @return a {@code SET} statement
	 */
	static String safetyNet(Duration longest) {
		// PostgreSQL refuses more than Integer.MAX_VALUE ms (~24 days); a net that far
		// out is as good as one further still.
		long millis = Math.min(Integer.MAX_VALUE, millis(longest.plus(SAFETY_MARGIN)));
		return "set statement_timeout = " + millis;
	}

}
