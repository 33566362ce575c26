package dev.sluice.devstack.launcher;

import java.sql.SQLException;

import dev.sluice.devstack.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresAdviceTests {

	private static final PostgresServer SERVER = new PostgresServer("127.0.0.1", 5432, "postgres", "");

	@Test
	void refusedLoginSaysHowToSetAPassword() {
		IllegalStateException failure = new IllegalStateException("Cannot reach PostgreSQL",
				new SQLException("FATAL: password authentication failed for user \"postgres\"", "28P01"));
		assertThat(PostgresAdvice.explain(failure, SERVER)).startsWith("Cannot reach PostgreSQL")
			.contains("alter user postgres password")
			.contains("SLUICE_PG_PASSWORD");
	}

	@Test
	void missingPrivilegeSaysWhichUserToUse() {
		IllegalStateException failure = new IllegalStateException("create database failed",
				new SQLException("permission denied to create database", "42501"));
		assertThat(PostgresAdvice.explain(failure, SERVER)).contains("SLUICE_PG_USER");
	}

	@Test
	void otherFailuresKeepTheirMessage() {
		IllegalStateException failure = new IllegalStateException("Cannot reach PostgreSQL at 127.0.0.1:5432 ...",
				new SQLException("Connection refused", "08001"));
		assertThat(PostgresAdvice.explain(failure, SERVER)).isEqualTo("Cannot reach PostgreSQL at 127.0.0.1:5432 ...");
	}

}
