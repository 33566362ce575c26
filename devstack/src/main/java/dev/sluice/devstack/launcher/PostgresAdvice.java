package dev.sluice.devstack.launcher;

import java.sql.SQLException;

import dev.sluice.devstack.postgres.PostgresServer;
import org.jspecify.annotations.Nullable;

/**
 * Turns a failure to use PostgreSQL into a message that says what to do. A server that is
 * not running is covered by {@link PostgresServer#connect(String)}; a fresh Debian or
 * Ubuntu install runs, but its {@code postgres} user has no password for TCP logins,
 * which needs a different fix.
 */
final class PostgresAdvice {

	private PostgresAdvice() {
	}

	static String explain(RuntimeException failure, PostgresServer server) {
		String state = sqlState(failure);
		if (state != null && state.startsWith("28")) {
			return failure.getMessage() + "\nThe server runs but refused the login of '" + server.user()
					+ "' over TCP. Give the user a password and pass it on, e.g.\n"
					+ "  sudo -u postgres psql -c \"alter user postgres password 'postgres'\"\n"
					+ "  SLUICE_PG_PASSWORD=postgres ./sluice up\n"
					+ "or allow local TCP logins without one (a 'trust' line for 127.0.0.1/32 in pg_hba.conf).";
		}
		if ("42501".equals(state)) {
			return failure.getMessage() + "\nUser '" + server.user()
					+ "' may not create databases; set SLUICE_PG_USER to one that may (e.g. postgres).";
		}
		return failure.getMessage();
	}

	private static @Nullable String sqlState(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null) {
				return sql.getSQLState();
			}
		}
		return null;
	}

}
