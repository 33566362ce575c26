package dev.sluice.worker.consume;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.worker.WorkerIntegrationTest;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.sluice.worker.WorkerFixture.APPLICATION_NAME;
import static dev.sluice.worker.WorkerFixture.POOL_SIZE;
import static dev.sluice.worker.WorkerFixture.client;
import static dev.sluice.worker.WorkerFixture.database;
import static dev.sluice.worker.WorkerFixture.results;
import static dev.sluice.worker.WorkerFixture.sleepy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The in-flight window under load: a burst keeps every connection busy and never takes
 * more than the pool, and fast queries pass a slow one while only the slow one's
 * partition holds its commit back.
 */
@WorkerIntegrationTest
class InFlightWindowIT {

	private static final Logger logger = LoggerFactory.getLogger(InFlightWindowIT.class);

	@Test
	void connectionsNeverExceedThePoolSizeUnderABurst() throws Exception {
		List<QuerySubmitted> burst = new ArrayList<>();
		for (int n = 0; n < 200; n++) {
			burst.add(client().query("burst", Map.of("n", n)));
		}
		AtomicInteger maxConnections = new AtomicInteger();
		AtomicInteger maxActive = new AtomicInteger();
		AtomicBoolean sampling = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> sampleConnections(sampling, maxConnections, maxActive));
		sampler.start();
		try {
			client().submitTogether(burst);
			await().atMost(Duration.ofSeconds(90))
				.until(() -> burst.stream().noneMatch((query) -> results().terminalStatuses(query.id()).isEmpty()));
		}
		finally {
			sampling.set(false);
			sampler.join();
		}

		List<QueryStatus> statuses = burst.stream()
			.map((query) -> results().terminalStatuses(query.id()).get(0))
			.toList();
		assertThat(statuses).extracting(QueryStatus::state).containsOnly(QueryState.SUCCEEDED);
		Instant lastCompleted = statuses.stream().map(QueryStatus::completedAt).max(Instant::compareTo).get();
		Duration drained = Duration
			.between(statuses.stream().map(QueryStatus::submittedAt).min(Instant::compareTo).get(), lastCompleted);
		Duration executing = Duration
			.between(statuses.stream().map(QueryStatus::startedAt).min(Instant::compareTo).get(), lastCompleted);
		logger.info(String.format(
				"burst: 200 queries of pg_sleep(0.05) on a pool of %d: %d ms from first submission and "
						+ "%d ms from first start to last completion (%d ms if the pool never idled); "
						+ "max connections %d, max active %d",
				POOL_SIZE, drained.toMillis(), executing.toMillis(), 200 * 50 / POOL_SIZE, maxConnections.get(),
				maxActive.get()));
		assertThat(maxConnections.get()).isBetween(1, POOL_SIZE);
		assertThat(maxActive.get()).as("executions in parallel while there was a backlog").isEqualTo(POOL_SIZE);
	}

	@Test
	void fastQueriesDoNotWaitForASlowOneAndOnlyItsPartitionsCommitDoes() throws Exception {
		QuerySubmitted slow = sleepy("slow-" + UUID.randomUUID(), "10");
		RecordMetadata slowRecord = client().submit(slow);
		results().awaitState(slow.id(), QueryState.RUNNING, Duration.ofSeconds(30));
		List<QuerySubmitted> fast = new ArrayList<>();
		for (int n = 0; n < 300; n++) {
			fast.add(client().query("fast", Map.of("n", n)));
		}

		List<RecordMetadata> records = client().submitTogether(fast);
		// They do not queue behind the slow one: all of them end within half its sleep.
		await().atMost(Duration.ofSeconds(5))
			.until(() -> fast.stream().noneMatch((query) -> results().terminalStatuses(query.id()).isEmpty()));

		List<QueryStatus> statuses = fast.stream()
			.map((query) -> results().terminalStatuses(query.id()).get(0))
			.toList();
		List<Duration> latencies = statuses.stream()
			.map((status) -> Duration.between(status.submittedAt(), status.completedAt()))
			.sorted()
			.toList();
		Duration p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
		logger.info(String.format("300 fast queries beside a 10 s one on a pool of %d: p50 %d ms, p99 %d ms, max %d ms",
				POOL_SIZE, latencies.get(latencies.size() / 2).toMillis(), p99.toMillis(),
				latencies.get(latencies.size() - 1).toMillis()));
		assertThat(statuses).extracting(QueryStatus::state).containsOnly(QueryState.SUCCEEDED);
		assertThat(results().terminalStatuses(slow.id())).as("the slow query is still running").isEmpty();
		assertThat(client().committedOffset(slowRecord)).as("its partition commits nothing past it")
			.isLessThanOrEqualTo(slowRecord.offset());

		assertThat(results().awaitTerminal(slow.id()).state()).isEqualTo(QueryState.SUCCEEDED);
		RecordMetadata lastBehindSlow = records.stream()
			.filter((record) -> record.partition() == slowRecord.partition())
			.max(Comparator.comparingLong(RecordMetadata::offset))
			.orElse(slowRecord);
		client().awaitCommitted(lastBehindSlow, Duration.ofSeconds(10));
	}

	private static void sampleConnections(AtomicBoolean sampling, AtomicInteger maxConnections,
			AtomicInteger maxActive) {
		try (Connection connection = database().connect();
				PreparedStatement statement = connection
					.prepareStatement("select count(*), count(*) filter (where state = 'active') "
							+ "from pg_stat_activity where datname = current_database() and application_name = ?")) {
			statement.setString(1, APPLICATION_NAME);
			while (sampling.get()) {
				try (ResultSet rows = statement.executeQuery()) {
					rows.next();
					maxConnections.accumulateAndGet(rows.getInt(1), Math::max);
					maxActive.accumulateAndGet(rows.getInt(2), Math::max);
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
