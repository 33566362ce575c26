package dev.sluice.worker.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The session {@code statement_timeout} of each physical connection, so that it is set
 * only when a query needs a different one: a query whose catalog timeout equals the one
 * its connection already has costs no extra round trip.
 * <p>
 * Keyed by the physical connection behind the pool's proxy, weakly, so a connection the
 * pool retired is forgotten with it. A connection not seen before is always set, whatever
 * the server's default. The record is written only after the database accepted the
 * setting, and catalog SQL is trusted not to change {@code statement_timeout} itself.
 * Thread-safe.
 */
final class StatementTimeouts {

	private final Map<Connection, Long> millisByConnection = new WeakHashMap<>();

	/**
	 * Make {@code timeout} the statement timeout of the connection.
	 * @param connection a pooled connection in auto-commit mode, so that the setting
	 * outlives the statement that makes it
	 * @param timeout the catalog timeout
	 * @throws SQLException if the setting fails
	 */
	void apply(Connection connection, Duration timeout) throws SQLException {
		Connection physical = connection.unwrap(Connection.class);
		long millis = timeout.toMillis();
		Long current;
		synchronized (this.millisByConnection) {
			current = this.millisByConnection.get(physical);
		}
		if (current != null && current == millis) {
			return;
		}
		// Session level (is_local = false): it stays with the connection for the next
		// query, unlike SET LOCAL, which would need a transaction around every query.
		try (PreparedStatement statement = connection
			.prepareStatement("select set_config('statement_timeout', ?, false)")) {
			statement.setString(1, Long.toString(millis));
			statement.execute();
		}
		synchronized (this.millisByConnection) {
			this.millisByConnection.put(physical, millis);
		}
	}

}
