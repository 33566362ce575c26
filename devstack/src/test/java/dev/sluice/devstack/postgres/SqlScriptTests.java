package dev.sluice.devstack.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SqlScriptTests {

	@Test
	void statementEndsWithSemicolonAtEndOfLine() {
		assertThat(SqlScript.statements("""
				select 1,
				  2;
				select 3;  \s
				""")).containsExactly("select 1,\n  2;", "select 3;");
	}

	@Test
	void commentLinesBetweenStatementsAreDropped() {
		assertThat(SqlScript.statements("""
				-- header

				-- about the next one
				select 1;
				""")).containsExactly("select 1;");
	}

	@Test
	void semicolonInsideALineDoesNotEndTheStatement() {
		assertThat(SqlScript.statements("""
				do $$ begin perform 1; end $$;
				select 'a;b'
				  from t;
				""")).containsExactly("do $$ begin perform 1; end $$;", "select 'a;b'\n  from t;");
	}

	@Test
	void unterminatedStatementIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SqlScript.statements("select 1;\nselect 2\n"))
			.withMessageContaining("select 2");
	}

	@Test
	void summaryIsTheShortenedFirstLine() {
		assertThat(SqlScript.summary("insert into t\nselect 1;")).isEqualTo("insert into t");
		assertThat(SqlScript.summary("x".repeat(100))).hasSize(70).endsWith("...");
	}

	@Test
	void everyDemoFileFollowsTheStatementRule() {
		for (String file : new String[] { "schema.sql", "data.sql", "keys.sql" }) {
			assertThat(SqlScript.statements(DemoDatabaseIT.demoFile(file))).as(file).isNotEmpty();
		}
	}

}
