package dev.sluice.devstack.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A PostgreSQL database of its own for one test run, created on the local server and
 * dropped on {@link #close()}. The server is found through {@code SLUICE_PG_HOST},
 * {@code SLUICE_PG_PORT}, {@code SLUICE_PG_USER} and {@code SLUICE_PG_PASSWORD} (defaults
 * {@code 127.0.0.1}, {@code 5432}, {@code postgres}, empty).
 *
 * <pre>{@code
 * try (TestDatabase db = TestDatabase.create("worker")) {
 *     db.execute("create table t (id int)");
 *     String url = db.jdbcUrl();
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {

	private final PostgresServer server;

	private final String name;

	private TestDatabase(PostgresServer server, String name) {
		this.server = server;
		this.name = name;
	}

	/**
	 * Create a fresh, empty database.
	 * @param purpose a short word that goes into the database name, e.g. {@code worker}
	 * @return the database
	 * @throws IllegalStateException saying how to start PostgreSQL if the server cannot
	 * be reached
	 */
	public static TestDatabase create(String purpose) {
		PostgresServer server = PostgresServer.fromEnvironment();
		String name = ("sluice_it_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
			.toLowerCase(Locale.ROOT)
			.replaceAll("[^a-z0-9_]", "_");
		server.createDatabase(name);
		return new TestDatabase(server, name);
	}

	public String name() {
		return this.name;
	}

	public String jdbcUrl() {
		return this.server.jdbcUrl(this.name);
	}

	public String username() {
		return this.server.user();
	}

	public String password() {
		return this.server.password();
	}

	/**
	 * A new connection to this database; the caller closes it.
	 * @return the connection
	 * @throws SQLException if it cannot be opened
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(jdbcUrl(), username(), password());
	}

	/**
	 * Run SQL statements (several may be separated by {@code ;}).
	 * @param sql the statements
	 */
	public void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("SQL failed on " + this.name + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		this.server.dropDatabase(this.name);
	}

}
