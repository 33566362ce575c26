package dev.sluice.worker.execute;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;

import static dev.sluice.worker.WorkerFixture.client;
import static dev.sluice.worker.WorkerFixture.results;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the database makes of a query, as the client sees it through the worker: rows cut
 * at {@code maxRows}, the catalog's statement timeout, and an SQL error by its SQLSTATE
 * alone.
 */
@WorkerIntegrationTest
class ExecutionIT {

	@Test
	void resultIsTruncatedAtMaxRows() {
		QuerySubmitted tooMany = client().query("numbers", Map.of("count", 25));
		QuerySubmitted exactly = client().query("numbers", Map.of("count", 10));
		client().submitTogether(List.of(tooMany, exactly));

		QueryStatus truncated = results().awaitTerminal(tooMany.id());
		QueryStatus complete = results().awaitTerminal(exactly.id());

		assertThat(truncated.result().rowCount()).isEqualTo(10);
		assertThat(truncated.result().truncated()).isTrue();
		assertThat(truncated.result().rows()).extracting((row) -> ((Number) row.get(0)).intValue())
			.containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
		assertThat(complete.result().rowCount()).isEqualTo(10);
		assertThat(complete.result().truncated()).isFalse();
	}

	@Test
	void statementTimeoutFailsWith57014() {
		QuerySubmitted slow = client().query("slow", Map.of("seconds", "30"));
		client().submit(slow);

		// Its 200 ms timeout stops it, long before its 30 s sleep would end.
		QueryStatus status = results().awaitTerminal(slow.id(), Duration.ofSeconds(5));

		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("57014");
		assertThat(status.error().message()).isEqualTo("statement timeout of 200ms exceeded");
	}

	@Test
	void sqlErrorFailsWithItsSqlStateButNotTheDatabasesMessage() {
		QuerySubmitted byZero = client().query("divide", Map.of("divisor", 0));
		client().submit(byZero);

		QueryStatus status = results().awaitTerminal(byZero.id());

		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("22012");
		assertThat(status.error().message()).contains("SQLSTATE 22012 (data exception)")
			.doesNotContain("division by zero");
	}

}
