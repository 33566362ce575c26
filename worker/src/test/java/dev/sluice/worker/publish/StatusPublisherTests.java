package dev.sluice.worker.publish;

import java.time.Instant;
import java.util.List;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.QueryResult;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusPublisherTests {

	@Test
	void tooLargeResultBecomesAFailureThatKeepsTheTimesAndDropsTheRows() {
		Instant started = Instant.parse("2026-11-22T10:00:01Z");
		Instant completed = Instant.parse("2026-11-22T10:00:02Z");
		QueryStatus succeeded = new QueryStatus("q_1", "orders", QueryState.RUNNING,
				Instant.parse("2026-11-22T10:00:00Z"), started, null, null, null, null)
			.succeeded(completed, CacheOutcome.MISS, new QueryResult(List.of(), List.of(), 250, false));

		QueryStatus failed = StatusPublisher.tooLarge(succeeded);

		assertThat(failed.state()).isEqualTo(QueryState.FAILED);
		assertThat(failed.result()).isNull();
		assertThat(failed.startedAt()).isEqualTo(started);
		assertThat(failed.completedAt()).isEqualTo(completed);
		assertThat(failed.error().code()).isEqualTo("RESULT_TOO_LARGE");
		assertThat(failed.error().message()).contains("250 rows", "16 MiB", "maxRows of query 'orders'");
	}

}
