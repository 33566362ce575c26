package dev.sluice.devstack.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL server the local stack and the tests use.
 *
 * @param host the host, e.g. {@code 127.0.0.1}
 * @param port the port
 * @param user a user allowed to create databases
 * @param password its password, may be empty
 */
public record PostgresServer(String host, int port, String user, String password) {

	/**
	 * The server named by {@code SLUICE_PG_HOST}, {@code SLUICE_PG_PORT},
	 * {@code SLUICE_PG_USER} and {@code SLUICE_PG_PASSWORD}, defaulting to the local
	 * server on 127.0.0.1:5432 as {@code postgres}.
	 * @return the server
	 */
	public static PostgresServer fromEnvironment() {
		return new PostgresServer(env("SLUICE_PG_HOST", "127.0.0.1"), Integer.parseInt(env("SLUICE_PG_PORT", "5432")),
				env("SLUICE_PG_USER", "postgres"), env("SLUICE_PG_PASSWORD", ""));
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	@Override
	public String toString() {
		return "PostgresServer[" + this.user + "@" + this.host + ":" + this.port + "]";
	}

	/**
	 * Open a connection to a database of this server.
	 * @param database the database
	 * @return the connection; the caller closes it
	 * @throws IllegalStateException saying how to start PostgreSQL if it cannot be
	 * reached
	 */
	public Connection connect(String database) {
		try {
			return DriverManager.getConnection(jdbcUrl(database), this.user, this.password);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot reach PostgreSQL at " + this.host + ":" + this.port + " as user '"
					+ this.user + "' (" + ex.getMessage() + "). Start it, e.g. 'sudo pg_ctlcluster 15 main start' or "
					+ "'sudo apt-get install postgresql', or 'docker run -d -p 5432:5432 -e "
					+ "POSTGRES_HOST_AUTH_METHOD=trust postgres:16'; point Sluice at another server with "
					+ "SLUICE_PG_HOST, SLUICE_PG_PORT, SLUICE_PG_USER and SLUICE_PG_PASSWORD.", ex);
		}
	}

	public boolean databaseExists(String name) {
		try (Connection connection = connect("postgres");
				var statement = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
			statement.setString(1, name);
			try (var rows = statement.executeQuery()) {
				return rows.next();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot look up database " + name + ": " + ex.getMessage(), ex);
		}
	}

	public void createDatabase(String name) {
		admin("create database " + quote(name));
	}

	public void dropDatabase(String name) {
		admin("drop database if exists " + quote(name) + " with (force)");
	}

	private void admin(String sql) {
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + " failed on " + this + ": " + ex.getMessage(), ex);
		}
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
