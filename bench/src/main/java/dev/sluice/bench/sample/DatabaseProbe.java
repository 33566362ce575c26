package dev.sluice.bench.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.sluice.devstack.postgres.PostgresServer;

/**
 * Reads connection counts and the transaction counter of one database from PostgreSQL's
 * statistics views, over a connection to the {@code postgres} database, so the probe
 * itself never counts.
 */
final class DatabaseProbe implements AutoCloseable {

	/**
	 * Sluice's workers name their connections {@code sluice-worker-<n>} (ApplicationName
	 * in their JDBC URL); no other target's connections do.
	 */
	private static final String CONNECTIONS = """
			select count(*), count(*) filter (where state <> 'idle'),
			  count(*) filter (where state = 'active' and application_name like 'sluice-worker-%')
			from pg_stat_activity where datname = ? and backend_type = 'client backend'""";

	private static final String TRANSACTIONS = """
			select xact_commit + xact_rollback from pg_stat_database where datname = ?""";

	private final Connection connection;

	private final PreparedStatement connections;

	private final PreparedStatement transactions;

	DatabaseProbe(PostgresServer server, String database) {
		this.connection = server.connect("postgres");
		try {
			this.connections = this.connection.prepareStatement(CONNECTIONS);
			this.connections.setString(1, database);
			this.transactions = this.connection.prepareStatement(TRANSACTIONS);
			this.transactions.setString(1, database);
		}
		catch (SQLException ex) {
			close();
			throw new IllegalStateException("Cannot prepare the statistics queries: " + ex.getMessage(), ex);
		}
	}

	/**
	 * @return {total, not idle, Sluice workers' running a statement} client connections
	 * to the database
	 */
	int[] connections() throws SQLException {
		// Statistics views are snapshotted per transaction: autocommit reads fresh ones.
		try (ResultSet rows = this.connections.executeQuery()) {
			rows.next();
			return new int[] { rows.getInt(1), rows.getInt(2), rows.getInt(3) };
		}
	}

	/**
	 * @return transactions committed or rolled back in the database so far
	 */
	long transactions() throws SQLException {
		try (ResultSet rows = this.transactions.executeQuery()) {
			return rows.next() ? rows.getLong(1) : 0;
		}
	}

	@Override
	public void close() {
		try {
			this.connection.close();
		}
		catch (SQLException ex) {
			// Closing after a run: nothing left to read from it, and nothing to do about
			// it.
		}
	}

}
