package dev.sluice.worker.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.Column;
import dev.sluice.contract.EncodedResult;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.QueryResult;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.worker.cache.ExecutionOutcome;
import dev.sluice.worker.publish.PendingRunning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryRunTests {

	static final Instant SUBMITTED = Instant.parse("2026-11-22T10:00:00Z");

	static final Instant ADMITTED = SUBMITTED.plusMillis(100);

	static final Instant CONNECTED = SUBMITTED.plusMillis(150);

	static final Instant DONE = SUBMITTED.plusMillis(200);

	static final EncodedResult ROWS = EncodedResult
		.of(new QueryResult(List.of(new Column("n", "int4")), List.of(List.of(7)), 1, false));

	final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

	final List<QueryStatus> announced = new CopyOnWriteArrayList<>();

	final QueryRun run = new QueryRun(
			new QuerySubmitted("q_1", "orders", Map.of(), SUBMITTED, SUBMITTED.plusSeconds(30), "reporting"), ADMITTED);

	@AfterEach
	void stopScheduler() {
		this.scheduler.shutdownNow();
	}

	@Test
	void cacheHitSplicesTheSharedRowsIntoItsOwnStatus() {
		this.run.finish(new ExecutionOutcome.Succeeded(ROWS, Duration.ofSeconds(30)), CacheOutcome.HIT, DONE);

		EncodedStatus status = this.run.terminal().join();
		assertThat(status.rows()).isSameAs(ROWS);
		assertThat(status.head().cache()).isEqualTo(CacheOutcome.HIT);
		assertThat(status.head().startedAt()).isEqualTo(ADMITTED);
		assertThat(status.head().client()).as("the client named in the query record").isEqualTo("reporting");
		assertThat(new String(status.json(), StandardCharsets.UTF_8))
			.contains(new String(ROWS.json(), StandardCharsets.UTF_8));
	}

	@Test
	void executingQueryThatEndsWithinTheDelayWithdrawsItsRunningStatusBeforeItsTerminalOne() {
		this.scheduler.setRemoveOnCancelPolicy(true);
		this.run.start(CONNECTED, this::announceAfterADay);
		assertThat(this.scheduler.getQueue()).hasSize(1);

		this.run.finish(new ExecutionOutcome.Succeeded(ROWS, Duration.ZERO), CacheOutcome.MISS, DONE);

		assertThat(this.scheduler.getQueue()).isEmpty();
		assertThat(this.run.terminal().join().head().startedAt()).isEqualTo(CONNECTED);
		assertThat(this.announced).isEmpty();
	}

	@Test
	void queryCancelledBeforeItsExecutionStartsIsNeverAnnouncedRunning() {
		this.run.cancel(ADMITTED);

		this.run.start(CONNECTED, this::announceAfterADay);

		assertThat(this.scheduler.getQueue()).isEmpty();
		assertThat(this.run.terminal().join().state()).isEqualTo(QueryState.CANCELED);
	}

	@Test
	void firstTerminalStatusWins() {
		this.run.cancel(ADMITTED);

		this.run.finish(new ExecutionOutcome.Succeeded(ROWS, Duration.ZERO), CacheOutcome.COALESCED, DONE);

		assertThat(this.run.terminal().join().state()).isEqualTo(QueryState.CANCELED);
	}

	private PendingRunning announceAfterADay(QueryStatus running) {
		return PendingRunning.schedule(running, this.announced::add, this.scheduler, Duration.ofDays(1));
	}

}
