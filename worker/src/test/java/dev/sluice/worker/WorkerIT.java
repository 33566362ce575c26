package dev.sluice.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.catalog.Catalog;
import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.StatusHead;
import dev.sluice.contract.Topics;
import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.postgres.TestDatabase;
import dev.sluice.worker.cancel.CanceledQueries;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker against a real Kafka broker and a real PostgreSQL database, with the ingress
 * played by a plain producer and a reader of {@code sluice.results}.
 */
@ExtendWith(WorkerInfrastructure.class)
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class WorkerIT {

	private static final Logger logger = LoggerFactory.getLogger(WorkerIT.class);

	static final int POOL_SIZE = 4;

	static final String APPLICATION_NAME = "sluice-worker-it";

	/**
	 * Long enough that a fast query never shows RUNNING even on a busy machine, short
	 * enough that a slow one does soon.
	 */
	static final Duration RUNNING_STATUS_AFTER = Duration.ofSeconds(1);

	static final String CATALOG = """
			queries:
			  items_from:
			    sql: select id, name, price, in_stock from items where price >= :minPrice order by id
			    params:
			      minPrice: { type: decimal, required: true }
			    cacheTtl: 60s
			    timeout: 5s
			    maxRows: 1000
			  numbers:
			    sql: select g as n from generate_series(1, :count) g order by g
			    params:
			      count: { type: int, required: true, min: 0 }
			    maxRows: 10
			  sleepy:
			    sql: select :tag::text as tag from pg_sleep(:seconds)
			    params:
			      tag: { type: text, required: true }
			      seconds: { type: decimal, required: true }
			    cacheTtl: 60s
			    timeout: 60s
			  slow:
			    sql: select 1 as one from pg_sleep(:seconds)
			    params:
			      seconds: { type: decimal, required: true }
			    timeout: 200ms
			  divide:
			    sql: select 10 / :divisor as quotient
			    params:
			      divisor: { type: int, required: true }
			  untouched:
			    sql: select :tag::text as tag
			    params:
			      tag: { type: text, required: true }
			  fast:
			    sql: select :n::int as n
			    params:
			      n: { type: int, required: true }
			  burst:
			    sql: select :n::int as n from pg_sleep(0.05)
			    params:
			      n: { type: int, required: true }
			  wide:
			    sql: select repeat('x', 100) as blob from generate_series(1, :count)
			    params:
			      count: { type: int, required: true }
			    maxBytes: 1KB
			  huge:
			    sql: select repeat('x', 1048576) as blob from generate_series(1, :count)
			    params:
			      count: { type: int, required: true }
			    maxRows: 100
			""";

	static KafkaBroker broker;

	static TestDatabase database;

	static Path catalogFile;

	static QueryClient client;

	static ResultsCollector results;

	@Autowired
	MeterRegistry meterRegistry;

	@Autowired
	CanceledQueries canceledQueries;

	@LocalServerPort
	int port;

	@BeforeAll
	static void prepareDatabaseAndCatalog() throws IOException {
		broker = WorkerInfrastructure.broker();
		database = WorkerInfrastructure.database();
		database.execute("""
				create table items (id bigint primary key, name text not null, price numeric(10, 2),
				    in_stock boolean not null);
				insert into items select g, 'item ' || g, g * 1.25, g % 3 = 0 from generate_series(1, 40) g;
				update items set price = null where id = 7;
				""");
		catalogFile = Files.createTempFile("sluice-worker-it-", ".yml");
		Files.writeString(catalogFile, CATALOG);
	}

	@DynamicPropertySource
	static void workerProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> broker.bootstrapServers());
		registry.add("spring.datasource.url", () -> database.jdbcUrl() + "?ApplicationName=" + APPLICATION_NAME);
		registry.add("spring.datasource.username", () -> database.username());
		registry.add("spring.datasource.password", () -> database.password());
		registry.add("sluice.catalog", () -> catalogFile.toString());
		registry.add("sluice.topics.partitions", () -> "3");
		registry.add("sluice.worker.pool-size", () -> POOL_SIZE);
		registry.add("sluice.worker.running-status-after", () -> RUNNING_STATUS_AFTER.toMillis() + "ms");
	}

	@BeforeEach
	void connectClients() {
		if (client == null) {
			client = new QueryClient(broker.bootstrapServers(), Catalog.load(catalogFile.toString()));
			results = new ResultsCollector(broker.bootstrapServers());
		}
	}

	@AfterAll
	static void closeClients() throws Exception {
		if (results != null) {
			results.close();
			client.close();
			client = null;
		}
		Files.deleteIfExists(catalogFile);
	}

	@Test
	void querySucceedsWithTheRowsOfTheSameSqlOverJdbc() throws Exception {
		QuerySubmitted submitted = client.query("items_from", Map.of("minPrice", "30.00"));
		RecordMetadata record = client.submit(submitted);

		QueryStatus status = results.awaitTerminal(submitted.id());

		assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(status.cache()).isEqualTo(CacheOutcome.MISS);
		assertThat(status.startedAt()).isAfterOrEqualTo(status.submittedAt());
		assertThat(status.completedAt()).isAfterOrEqualTo(status.startedAt());
		assertThat(status.result().columns()).extracting((column) -> column.name() + ":" + column.type())
			.containsExactly("id:int8", "name:text", "price:numeric", "in_stock:bool");
		assertThat(JsonCodec.MAPPER.writeValueAsString(status.result().rows()))
			.isEqualTo(JsonCodec.MAPPER.writeValueAsString(overJdbc("30.00")));
		assertThat(status.result().rowCount()).isEqualTo(17);
		assertThat(status.result().truncated()).isFalse();
		assertThat(results.statuses(submitted.id())).as("a fast query goes straight to its terminal status")
			.extracting(QueryStatus::state)
			.containsExactly(QueryState.SUCCEEDED);
		client.awaitCommitted(record, Duration.ofSeconds(10));
	}

	@Test
	void queryStillRunningAfterTheDelayIsPublishedRunningFirst() {
		QuerySubmitted slow = sleepy("announced-" + UUID.randomUUID(), "2.5");
		client.submit(slow);

		QueryStatus status = results.awaitTerminal(slow.id());

		List<QueryStatus> statuses = results.statuses(slow.id());
		assertThat(statuses).extracting(QueryStatus::state).containsExactly(QueryState.RUNNING, QueryState.SUCCEEDED);
		QueryStatus running = statuses.get(0);
		assertThat(running.startedAt()).isEqualTo(status.startedAt());
		assertThat(running.result()).isNull();
	}

	@Test
	void everyRecordCarriesTheHeadOfItsStatusInHeadersAndTheStatusJsonAsValue() {
		String tag = "records-" + UUID.randomUUID();
		List<QuerySubmitted> identical = List.of(sleepy(tag, "1.5"), sleepy(tag, "1.5"));
		QuerySubmitted failing = client.query("divide", Map.of("divisor", 0));
		Instant now = Instant.now();
		QuerySubmitted expired = client.query("untouched", Map.of("tag", tag), now.minusSeconds(10),
				now.minusSeconds(5));
		client.submitTogether(List.of(identical.get(0), identical.get(1), failing, expired));
		identical.forEach((query) -> results.awaitTerminal(query.id()));
		results.awaitTerminal(failing.id());
		results.awaitTerminal(expired.id());
		QuerySubmitted hit = sleepy(tag, "1.5");
		client.submit(hit);
		results.awaitTerminal(hit.id());

		List<ResultsCollector.Published> records = new ArrayList<>();
		for (QuerySubmitted query : List.of(identical.get(0), identical.get(1), failing, expired, hit)) {
			records.addAll(results.records(query.id()));
		}

		assertThat(records).extracting((record) -> record.status().state() + " " + record.status().cache())
			.contains("RUNNING null", "SUCCEEDED MISS", "SUCCEEDED COALESCED", "SUCCEEDED HIT", "FAILED null",
					"EXPIRED null");
		assertThat(records).allSatisfy((record) -> {
			// Headers carry instants as epoch milliseconds.
			assertThat(record.head()).isEqualTo(toMillis(StatusHead.of(record.status())));
			assertThat(record.value()).isEqualTo(JsonCodec.encode(record.status()));
		});
	}

	@Test
	void resultIsTruncatedAtMaxRows() {
		QuerySubmitted tooMany = client.query("numbers", Map.of("count", 25));
		QuerySubmitted exactly = client.query("numbers", Map.of("count", 10));
		client.submitTogether(List.of(tooMany, exactly));

		QueryStatus truncated = results.awaitTerminal(tooMany.id());
		QueryStatus complete = results.awaitTerminal(exactly.id());

		assertThat(truncated.result().rowCount()).isEqualTo(10);
		assertThat(truncated.result().truncated()).isTrue();
		assertThat(truncated.result().rows()).extracting((row) -> ((Number) row.get(0)).intValue())
			.containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
		assertThat(complete.result().rowCount()).isEqualTo(10);
		assertThat(complete.result().truncated()).isFalse();
	}

	@Test
	void repeatWithinCacheTtlIsServedFromCache() {
		QuerySubmitted first = client.query("items_from", Map.of("minPrice", "45.00"));
		client.submit(first);
		QueryStatus original = results.awaitTerminal(first.id());
		double executions = dbQueries("items_from");

		QuerySubmitted repeat = client.query("items_from", Map.of("minPrice", "45.00"));
		client.submit(repeat);
		QueryStatus cached = results.awaitTerminal(repeat.id());

		assertThat(original.cache()).isEqualTo(CacheOutcome.MISS);
		assertThat(cached.state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(cached.cache()).isEqualTo(CacheOutcome.HIT);
		assertThat(cached.result()).isEqualTo(original.result());
		assertThat(results.statuses(repeat.id())).extracting(QueryStatus::state).containsExactly(QueryState.SUCCEEDED);
		assertThat(dbQueries("items_from")).isEqualTo(executions);
	}

	@Test
	void identicalQueriesSubmittedTogetherShareOneExecution() {
		String tag = "together-" + UUID.randomUUID();
		List<QuerySubmitted> identical = List.of(sleepy(tag, "1"), sleepy(tag, "1"), sleepy(tag, "1"));
		double executions = dbQueries("sleepy");

		client.submitTogether(identical);

		List<QueryStatus> statuses = identical.stream().map((query) -> results.awaitTerminal(query.id())).toList();
		assertThat(statuses).extracting(QueryStatus::state).containsOnly(QueryState.SUCCEEDED);
		assertThat(statuses).extracting(QueryStatus::cache)
			.containsExactlyInAnyOrder(CacheOutcome.MISS, CacheOutcome.COALESCED, CacheOutcome.COALESCED);
		assertThat(statuses).extracting((status) -> status.result().rows()).containsOnly(List.of(List.of(tag)));
		assertThat(dbQueries("sleepy")).isEqualTo(executions + 1);

		QuerySubmitted later = sleepy(tag, "1");
		client.submit(later);
		assertThat(results.awaitTerminal(later.id()).cache()).isEqualTo(CacheOutcome.HIT);
	}

	@Test
	void expiredQueryNeverTouchesDatabase() {
		Instant now = Instant.now();
		QuerySubmitted late = client.query("untouched", Map.of("tag", "late"), now.minusSeconds(10),
				now.minusSeconds(5));

		client.submit(late);
		QueryStatus status = results.awaitTerminal(late.id());

		assertThat(status.state()).isEqualTo(QueryState.EXPIRED);
		assertThat(status.error().code()).isEqualTo("DEADLINE_EXCEEDED");
		assertThat(status.error().message()).startsWith("waited 1")
			.endsWith("past its deadline of 5.0 s after submission");
		assertThat(status.startedAt()).isNull();
		assertThat(results.statuses(late.id())).extracting(QueryStatus::state).containsExactly(QueryState.EXPIRED);
		assertThat(dbQueries("untouched")).isZero();
	}

	@Test
	void queryCanceledBeforeStartNeverTouchesDatabase() {
		QuerySubmitted doomed = client.query("untouched", Map.of("tag", "canceled"));
		client.cancel(doomed.id());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.canceledQueries.isCanceled(doomed.id()));

		client.submit(doomed);
		QueryStatus status = results.awaitTerminal(doomed.id());

		assertThat(status.state()).isEqualTo(QueryState.CANCELED);
		assertThat(status.error().code()).isEqualTo("CANCELED");
		assertThat(status.startedAt()).isNull();
		assertThat(results.statuses(doomed.id())).extracting(QueryStatus::state).containsExactly(QueryState.CANCELED);
		assertThat(dbQueries("untouched")).isZero();
	}

	@Test
	void cancelOfRunningQueryEndsCanceledQuicklyAndStopsTheStatement() throws Exception {
		QuerySubmitted long_ = sleepy("cancel-" + UUID.randomUUID(), "30");
		client.submit(long_);
		results.awaitState(long_.id(), QueryState.RUNNING, Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(10)).until(() -> runningSleeps() == 1);

		Instant canceledAt = Instant.now();
		client.cancel(long_.id());
		QueryStatus status = results.awaitTerminal(long_.id(), Duration.ofSeconds(10));

		assertThat(status.state()).isEqualTo(QueryState.CANCELED);
		assertThat(status.startedAt()).isNotNull();
		assertThat(Duration.between(canceledAt, status.completedAt())).isLessThan(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(() -> runningSleeps() == 0);
	}

	@Test
	void statementTimeoutFailsWith57014() {
		QuerySubmitted slow = client.query("slow", Map.of("seconds", "5"));
		client.submit(slow);

		QueryStatus status = results.awaitTerminal(slow.id());

		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("57014");
		assertThat(status.error().message()).isEqualTo("statement timeout of 200ms exceeded");
		assertThat(Duration.between(status.startedAt(), status.completedAt())).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void sqlErrorFailsWithItsSqlStateButNotTheDatabasesMessage() {
		QuerySubmitted byZero = client.query("divide", Map.of("divisor", 0));
		client.submit(byZero);

		QueryStatus status = results.awaitTerminal(byZero.id());

		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("22012");
		assertThat(status.error().message()).contains("SQLSTATE 22012 (data exception)")
			.doesNotContain("division by zero");
	}

	@Test
	void unknownQueryFailsWithUnknownQuery() {
		QuerySubmitted unknown = new QuerySubmitted(QueryClient.newId(), "no_such_query", Map.of(), Instant.now(),
				Instant.now().plusSeconds(60));
		client.submit(unknown);

		QueryStatus status = results.awaitTerminal(unknown.id());

		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("UNKNOWN_QUERY");
		assertThat(status.error().message()).contains("no_such_query");
	}

	@Test
	void invalidParametersFailWithInvalidParams() {
		QuerySubmitted invalid = new QuerySubmitted(QueryClient.newId(), "divide", Map.of("divisor", "ten"),
				Instant.now(), Instant.now().plusSeconds(60));
		client.submit(invalid);

		QueryStatus status = results.awaitTerminal(invalid.id());

		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("INVALID_PARAMS");
		assertThat(status.error().message()).startsWith("params.divisor: ");
	}

	@Test
	void connectionsNeverExceedThePoolSizeUnderABurst() throws Exception {
		List<QuerySubmitted> burst = new ArrayList<>();
		for (int n = 0; n < 200; n++) {
			burst.add(client.query("burst", Map.of("n", n)));
		}
		AtomicInteger maxConnections = new AtomicInteger();
		AtomicInteger maxActive = new AtomicInteger();
		AtomicBoolean sampling = new AtomicBoolean(true);
		Thread sampler = new Thread(() -> sampleConnections(sampling, maxConnections, maxActive));
		sampler.start();
		try {
			client.submitTogether(burst);
			await().atMost(Duration.ofSeconds(90))
				.until(() -> burst.stream().noneMatch((query) -> results.terminalStatuses(query.id()).isEmpty()));
		}
		finally {
			sampling.set(false);
			sampler.join();
		}

		List<QueryStatus> statuses = burst.stream()
			.map((query) -> results.terminalStatuses(query.id()).get(0))
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
		QuerySubmitted slow = sleepy("slow-" + UUID.randomUUID(), "5");
		RecordMetadata slowRecord = client.submit(slow);
		results.awaitState(slow.id(), QueryState.RUNNING, Duration.ofSeconds(30));
		List<QuerySubmitted> fast = new ArrayList<>();
		for (int n = 0; n < 300; n++) {
			fast.add(client.query("fast", Map.of("n", n)));
		}

		List<RecordMetadata> records = client.submitTogether(fast);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> fast.stream().noneMatch((query) -> results.terminalStatuses(query.id()).isEmpty()));

		List<QueryStatus> statuses = fast.stream().map((query) -> results.terminalStatuses(query.id()).get(0)).toList();
		List<Duration> latencies = statuses.stream()
			.map((status) -> Duration.between(status.submittedAt(), status.completedAt()))
			.sorted()
			.toList();
		Duration p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
		logger.info(String.format("300 fast queries beside a 5 s one on a pool of %d: p50 %d ms, p99 %d ms, max %d ms",
				POOL_SIZE, latencies.get(latencies.size() / 2).toMillis(), p99.toMillis(),
				latencies.get(latencies.size() - 1).toMillis()));
		assertThat(statuses).extracting(QueryStatus::state).containsOnly(QueryState.SUCCEEDED);
		assertThat(results.terminalStatuses(slow.id())).as("the slow query is still running").isEmpty();
		assertThat(p99).isLessThan(Duration.ofSeconds(1));
		assertThat(client.committedOffset(slowRecord)).as("its partition commits nothing past it")
			.isLessThanOrEqualTo(slowRecord.offset());

		assertThat(results.awaitTerminal(slow.id()).state()).isEqualTo(QueryState.SUCCEEDED);
		RecordMetadata lastBehindSlow = records.stream()
			.filter((record) -> record.partition() == slowRecord.partition())
			.max(Comparator.comparingLong(RecordMetadata::offset))
			.orElse(slowRecord);
		client.awaitCommitted(lastBehindSlow, Duration.ofSeconds(10));
	}

	@Test
	void manyIdenticalQueriesInFlightShareOneExecution() {
		String tag = "window-" + UUID.randomUUID();
		List<QuerySubmitted> identical = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			identical.add(sleepy(tag, "0.5"));
		}
		double executions = dbQueries("sleepy");

		client.submitTogether(identical);

		List<QueryStatus> statuses = identical.stream()
			.map((query) -> results.awaitTerminal(query.id(), Duration.ofSeconds(30)))
			.toList();
		assertThat(statuses).extracting(QueryStatus::state).containsOnly(QueryState.SUCCEEDED);
		assertThat(statuses).extracting(QueryStatus::cache)
			.isSubsetOf(CacheOutcome.MISS, CacheOutcome.COALESCED, CacheOutcome.HIT)
			.containsOnlyOnce(CacheOutcome.MISS);
		assertThat(dbQueries("sleepy")).isEqualTo(executions + 1);
	}

	@Test
	void undecodableRecordGoesToTheDeadLetterTopicAndTheWorkerKeepsGoing() {
		byte[] garbage = "{not a query".getBytes(StandardCharsets.UTF_8);
		String key = "garbage-" + UUID.randomUUID();
		client.submitRaw(key, garbage);
		QuerySubmitted after = client.query("divide", Map.of("divisor", 5));
		client.submit(after);

		QueryStatus status = results.awaitTerminal(after.id());

		assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(status.result().rows()).isEqualTo(List.of(List.of(2)));
		assertThat(deadLetter(key)).isEqualTo(garbage);
		assertThat(this.meterRegistry.get("sluice.dead.letters").counter().count()).isPositive();
	}

	@Test
	void duplicateDeliveryRunsOnce() {
		QuerySubmitted query = client.query("items_from", Map.of("minPrice", "12.50"));
		QuerySubmitted sameParameters = client.query("items_from", Map.of("minPrice", "12.50"));
		double executions = dbQueries("items_from");

		List<RecordMetadata> records = client.submitTogether(List.of(query, query, sameParameters));
		results.awaitTerminal(sameParameters.id());
		client.awaitCommitted(records.get(2), Duration.ofSeconds(30));
		results.awaitCaughtUp(broker.bootstrapServers());

		assertThat(results.terminalStatuses(query.id())).hasSize(1);
		assertThat(dbQueries("items_from")).isEqualTo(executions + 1);
	}

	@Test
	void resultTooLargeForOneRecordFailsWithResultTooLarge() {
		QuerySubmitted huge = client.query("huge", Map.of("count", 17));
		client.submit(huge);

		QueryStatus status = results.awaitTerminal(huge.id(), Duration.ofSeconds(60));

		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("RESULT_TOO_LARGE");
		assertThat(status.error().message()).contains("17 rows").contains("maxRows");
	}

	@Test
	void resultOverItsByteBudgetFailsWithResultTooLarge() {
		QuerySubmitted within = client.query("wide", Map.of("count", 5));
		QuerySubmitted over = client.query("wide", Map.of("count", 20));
		client.submit(within);
		client.submit(over);

		assertThat(results.awaitTerminal(within.id(), Duration.ofSeconds(30)).state()).isEqualTo(QueryState.SUCCEEDED);
		QueryStatus status = results.awaitTerminal(over.id(), Duration.ofSeconds(30));
		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("RESULT_TOO_LARGE");
		assertThat(status.error().message()).contains("20 rows", "1024-byte budget", "maxBytes");
	}

	@Test
	void metricsAndProbesAreExposed() throws Exception {
		QuerySubmitted query = client.query("divide", Map.of("divisor", 2));
		client.submit(query);
		results.awaitTerminal(query.id());

		String prometheus = get("/actuator/prometheus").body();
		assertThat(prometheus)
			.containsPattern("sluice_db_queries_total\\{application=\"sluice-worker\",query=\"divide\"}")
			.containsPattern("sluice_queries_terminal_total\\{application=\"sluice-worker\",query=\"divide\","
					+ "state=\"succeeded\"}")
			.containsPattern(
					"sluice_cache_lookups_total\\{application=\"sluice-worker\",outcome=\"miss\",query=\"divide\"}")
			.contains("sluice_query_wait_seconds_bucket{", "sluice_query_execution_seconds_bucket{",
					"sluice_query_end_to_end_seconds_bucket{")
			.contains("hikaricp_connections_max{application=\"sluice-worker\",pool=\"sluice-worker\"} " + POOL_SIZE)
			.containsPattern(
					"cache_gets_total\\{application=\"sluice-worker\",cache=\"sluice-results\",.*result=\"miss\"")
			.contains("sluice_dead_letters_total{application=\"sluice-worker\"}");
		HttpResponse<String> readiness = get("/actuator/health/readiness");
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("\"db\"", "\"kafka\"", "\"consumer\"");
		HttpResponse<String> liveness = get("/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).doesNotContain("\"db\"", "\"kafka\"");
	}

	private static StatusHead toMillis(StatusHead head) {
		return new StatusHead(head.id(), head.query(), head.state(), toMillis(head.submittedAt()),
				toMillis(head.startedAt()), toMillis(head.completedAt()), head.cache(), head.errorCode());
	}

	private static Instant toMillis(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MILLIS) : null;
	}

	private static QuerySubmitted sleepy(String tag, String seconds) {
		return client.query("sleepy", Map.of("tag", tag, "seconds", seconds));
	}

	private double dbQueries(String query) {
		Counter counter = this.meterRegistry.find("sluice.db.queries").tag("query", query).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static int runningSleeps() throws Exception {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement("select count(*) from pg_stat_activity "
						+ "where datname = current_database() and application_name = ? and state = 'active' "
						+ "and query like '%pg_sleep%'")) {
			statement.setString(1, APPLICATION_NAME);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	private static void sampleConnections(AtomicBoolean sampling, AtomicInteger maxConnections,
			AtomicInteger maxActive) {
		try (Connection connection = database.connect();
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

	private static byte[] deadLetter(String key) {
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.QUERIES_DEAD_LETTER)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<byte[]> found = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (key.equals(record.key())) {
						found.add(record.value());
					}
				}
				return !found.isEmpty();
			});
			return found.get(0);
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
	}

	private static List<List<Object>> overJdbc(String minPrice) throws Exception {
		List<List<Object>> rows = new ArrayList<>();
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement(
						"select id, name, price, in_stock from items where price >= ?::numeric order by id")) {
			statement.setString(1, minPrice);
			try (ResultSet resultSet = statement.executeQuery()) {
				while (resultSet.next()) {
					rows.add(List.of(resultSet.getLong(1), resultSet.getString(2),
							resultSet.getBigDecimal(3).toPlainString(), resultSet.getBoolean(4)));
				}
			}
		}
		return rows;
	}

}
