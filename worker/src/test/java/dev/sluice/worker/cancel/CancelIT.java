package dev.sluice.worker.cancel;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.worker.WorkerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.sluice.worker.WorkerFixture.client;
import static dev.sluice.worker.WorkerFixture.dbQueries;
import static dev.sluice.worker.WorkerFixture.results;
import static dev.sluice.worker.WorkerFixture.runningSleeps;
import static dev.sluice.worker.WorkerFixture.sleepy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client's cancel, read from {@code sluice.cancels}: a query cancelled before it starts
 * never reaches the database, and a running one is stopped on the database.
 */
@WorkerIntegrationTest
class CancelIT {

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	CanceledQueries canceledQueries;

	@Test
	void queryCanceledBeforeStartNeverTouchesDatabase() {
		QuerySubmitted doomed = client().query("untouched", Map.of("tag", "canceled"));
		client().cancel(doomed.id());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.canceledQueries.isCanceled(doomed.id()));

		client().submit(doomed);
		QueryStatus status = results().awaitTerminal(doomed.id());

		assertThat(status.state()).isEqualTo(QueryState.CANCELED);
		assertThat(status.error().code()).isEqualTo("CANCELED");
		assertThat(status.startedAt()).isNull();
		assertThat(results().statuses(doomed.id())).extracting(QueryStatus::state).containsExactly(QueryState.CANCELED);
		assertThat(dbQueries(this.meterRegistry, "untouched")).isZero();
	}

	@Test
	void cancelOfRunningQueryEndsCanceledQuicklyAndStopsTheStatement() throws Exception {
		QuerySubmitted long_ = sleepy("cancel-" + UUID.randomUUID(), "30");
		client().submit(long_);
		results().awaitState(long_.id(), QueryState.RUNNING, Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(10)).until(() -> runningSleeps() == 1);

		client().cancel(long_.id());
		// Quickly: within seconds of the cancel, not after the statement's 30 s.
		QueryStatus status = results().awaitTerminal(long_.id(), Duration.ofSeconds(5));

		assertThat(status.state()).isEqualTo(QueryState.CANCELED);
		assertThat(status.startedAt()).isNotNull();
		await().atMost(Duration.ofSeconds(5)).until(() -> runningSleeps() == 0);
	}

}
