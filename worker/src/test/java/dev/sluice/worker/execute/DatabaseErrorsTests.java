package dev.sluice.worker.execute;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseErrorsTests {

	@Test
	void connectionClassSqlStatesMeanTheDatabaseIsUnavailable() {
		assertThat(DatabaseErrors.isUnavailable(new SQLException("refused", "08001"))).isTrue();
		assertThat(DatabaseErrors.isUnavailable(new SQLException("I/O error", "08006"))).isTrue();
	}

	@Test
	void serverShuttingDownOrStartingMeansUnavailable() {
		assertThat(DatabaseErrors.isUnavailable(new SQLException("terminating", "57P01"))).isTrue();
		assertThat(DatabaseErrors.isUnavailable(new SQLException("starting up", "57P03"))).isTrue();
		assertThat(DatabaseErrors.isUnavailable(new SQLException("too many clients", "53300"))).isTrue();
	}

	@Test
	void poolTimeoutMeansUnavailable() {
		assertThat(DatabaseErrors
			.isUnavailable(new SQLTransientConnectionException("sluice-worker - Connection is not available", "08003")))
			.isTrue();
		assertThat(DatabaseErrors.isUnavailable(new SQLTransientConnectionException("timed out"))).isTrue();
	}

	@Test
	void connectionRefusedDeepInTheCauseChainMeansUnavailable() {
		SQLException wrapped = new SQLException("could not connect", null,
				new RuntimeException(new ConnectException("Connection refused")));

		assertThat(DatabaseErrors.isUnavailable(wrapped)).isTrue();
	}

	@Test
	void queryErrorsAreNotUnavailability() {
		assertThat(DatabaseErrors.isUnavailable(new SQLException("division by zero", "22012"))).isFalse();
		assertThat(DatabaseErrors.isUnavailable(new SQLException("no such relation", "42P01"))).isFalse();
		assertThat(DatabaseErrors.isUnavailable(new SQLException("read-only transaction", "25006"))).isFalse();
		assertThat(DatabaseErrors.isUnavailable(new SQLException("no state"))).isFalse();
	}

	@Test
	void statementTimeoutIsAQueryErrorNotUnavailability() {
		assertThat(DatabaseErrors.isUnavailable(new SQLException("canceling statement", "57014"))).isFalse();
	}

	@Test
	void messageDropsSeverityAndPositionLines() {
		SQLException ex = new SQLException("ERROR: relation \"nope\" does not exist\n  Position: 15", "42P01");

		assertThat(DatabaseErrors.message(ex)).isEqualTo("relation \"nope\" does not exist");
	}

	@Test
	void messageWithoutPrefixIsKept() {
		assertThat(DatabaseErrors.message(new SQLException("plain"))).isEqualTo("plain");
	}

	@Test
	void codeIsTheSqlStateOrSqlErrorWithoutOne() {
		assertThat(DatabaseErrors.code(new SQLException("division by zero", "22012"))).isEqualTo("22012");
		assertThat(DatabaseErrors.code(new SQLException("no state"))).isEqualTo("SQL_ERROR");
	}

	@Test
	void clientMessageNamesTheSqlStateAndItsClassButNothingTheDatabaseSaid() {
		SQLException ex = new SQLException("ERROR: invalid input syntax for type integer: \"4111-1111\"", "22P02");

		String message = DatabaseErrors.clientMessage(DatabaseErrors.code(ex));

		assertThat(message).contains("SQLSTATE 22P02", "(data exception)", "worker's log").doesNotContain("4111");
	}

	@Test
	void clientMessageIsTheSameForEveryOccurrenceOfACode() {
		assertThat(DatabaseErrors.clientMessage("42P01")).isEqualTo(DatabaseErrors.clientMessage("42P01"))
			.contains("SQLSTATE 42P01 (syntax error or access rule violation)");
		assertThat(DatabaseErrors.clientMessage("25006")).contains("(invalid transaction state)");
	}

	@Test
	void clientMessageOfAnUnknownClassStillNamesTheCode() {
		assertThat(DatabaseErrors.clientMessage("ZZ999")).contains("SQLSTATE ZZ999;").doesNotContain("(");
	}

	@Test
	void clientMessageWithoutSqlStateSaysWhereTheMessageIs() {
		assertThat(DatabaseErrors.clientMessage("SQL_ERROR")).contains("without an SQLSTATE", "worker's log");
	}

}
