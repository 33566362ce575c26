package dev.sluice.worker.execute;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.contract.Column;
import dev.sluice.contract.QueryResult;
import dev.sluice.devstack.postgres.TestDatabase;
import dev.sluice.worker.WorkerProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link QueryExecutor} on the worker's real pool configuration against PostgreSQL.
 */
class QueryExecutorIT {

	static TestDatabase database;

	static HikariDataSource pool;

	static QueryExecutor executor;

	/**
	 * The longest timeout of the catalog the pool is made for: 60 s, as the slowest
	 * test's.
	 */
	static final Catalog CATALOG = Catalog.parse("queries:\n  slowest:\n    sql: select 1\n    timeout: 60s\n", "test");

	@BeforeAll
	static void createDatabase() {
		database = TestDatabase.create("execute");
		database.execute("""
				create table typed (id int primary key, i2 int2, i4 int4, i8 int8, exact numeric, money numeric(8, 2),
				    f4 float4, f8 float8, f8_nan float8, f8_inf float8, txt text, vc varchar(10), ch char(5), nm name,
				    flag bool, day date, day_inf date, at timestamp, at_tz timestamptz, uid uuid, doc json, docb jsonb,
				    span interval, ints int4[]);
				insert into typed values (1, 12, 1234567, 9007199254740993, 12345678901234567890.123456789, 1.50,
				    1.5, 0.1, 'NaN', '-Infinity', 'héllo', 'abc', 'ab', 'pg', true, '2026-11-22', 'infinity',
				    '2026-11-22 10:00:00.123', '2026-11-22 12:00:00+02', '0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10',
				    '{"a": [1, 2], "b": null}', '"str"', '1 day 02:00', '{1,2}');
				insert into typed (id) values (2);
				""");
		pool = pool(database.jdbcUrl(), CATALOG);
		executor = new QueryExecutor(pool);
	}

	/** A pool of one connection, configured as the worker's for the catalog. */
	static HikariDataSource pool(String jdbcUrl, Catalog catalog) {
		DataSourceProperties properties = new DataSourceProperties();
		properties.setUrl(jdbcUrl + "?ApplicationName=sluice-execute-it");
		properties.setUsername(database.username());
		properties.setPassword(database.password());
		WorkerProperties worker = new WorkerProperties(1, null, Duration.ofSeconds(5), Duration.ofSeconds(10));
		return new ExecuteConfiguration().dataSource(properties, worker, catalog,
				new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class), "sluice-execute-it");
	}

	/** Commits and rollbacks of a database, read from another one. */
	static long[] transactions(TestDatabase counted) throws Exception {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection
					.prepareStatement("select xact_commit, xact_rollback from pg_stat_database where datname = ?")) {
			statement.setString(1, counted.name());
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? new long[] { rows.getLong(1), rows.getLong(2) } : new long[] { 0, 0 };
			}
		}
	}

	@AfterAll
	static void dropDatabase() {
		pool.close();
		database.close();
	}

	@Test
	void everyListedTypeMapsToItsJsonForm() {
		QueryResult result = executor.execute(query("select * from typed order by id"), Map.of(), new Control());

		assertThat(result.columns()).extracting(Column::type)
			.containsExactly("int4", "int2", "int4", "int8", "numeric", "numeric", "float4", "float8", "float8",
					"float8", "text", "varchar", "bpchar", "name", "bool", "date", "date", "timestamp", "timestamptz",
					"uuid", "json", "jsonb", "interval", "_int4");
		Map<String, Object> doc = new HashMap<>();
		doc.put("a", List.of(1, 2));
		doc.put("b", null);
		assertThat(result.rows().get(0)).containsExactly(1, 12, 1234567, 9007199254740993L,
				"12345678901234567890.123456789", "1.50", 1.5f, 0.1, "NaN", "-Infinity", "héllo", "abc", "ab   ", "pg",
				true, "2026-11-22", "infinity", "2026-11-22T10:00:00.123Z", "2026-11-22T10:00:00Z",
				"0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10", doc, "str", "1 day 02:00:00", "{1,2}");
		Object[] nulls = new Object[23];
		assertThat(result.rows().get(1)).startsWith(2).endsWith(nulls).hasSize(24);
	}

	@Test
	void everyParameterTypeBindsAsItsSqlType() {
		CatalogQuery query = query("""
				select :i + 1 as i, :l + 1 as l, :d * 2 as d, :t || '!' as t, not :b as b, :day + 1 as day,
				       :ts as ts, :u as u, :absent is null as absent
				""", """
				      i: int
				      l: long
				      d: decimal
				      t: text
				      b: bool
				      day: date
				      ts: timestamp
				      u: uuid
				      absent: text
				""");
		Map<String, Object> values = query
			.bind(Map.of("i", 41, "l", 9007199254740992L, "d", "1.25", "t", "hi", "b", false, "day", "2026-11-22", "ts",
					"2026-11-22T12:00:00+02:00", "u", "0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10"));

		QueryResult result = executor.execute(query, values, new Control());

		assertThat(result.rows().get(0)).containsExactly(42, 9007199254740993L, "2.50", "hi!", true, "2026-11-23",
				"2026-11-22T10:00:00Z", "0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10", true);
	}

	/**
	 * Each catalog type, with a value as a client submits it and the same value as a SQL
	 * literal.
	 */
	static Stream<Arguments> typedValues() {
		return Stream.of(Arguments.of("int", 42, "42"), Arguments.of("long", 9007199254740993L, "9007199254740993"),
				Arguments.of("decimal", "12.50", "12.50::numeric"), Arguments.of("text", "kettle", "'kettle'"),
				Arguments.of("bool", true, "true"), Arguments.of("date", "2025-12-31", "date '2025-12-31'"),
				Arguments.of("timestamp", "2025-12-31T10:00:00Z", "timestamptz '2025-12-31T10:00:00Z'"), Arguments
					.of("uuid", "0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10", "uuid '0b7f6a9e-2f3c-4c1e-9a57-3b9d2c4e8f10'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("typedValues")
	void anOptionalParameterBindsAsItsTypeWhetherGivenAbsentOrNull(String type, Object value, String literal) {
		// The optional-filter pattern uses the parameter twice, the first time where
		// PostgreSQL cannot infer a type from it.
		CatalogQuery optionalFilter = query(
				"select count(*) as n from (select " + literal + " as col) t where (:p is null or col = :p)",
				"      p: " + type + "\n");
		CatalogQuery comparison = query("select count(*) as n from (select " + literal + " as col) t where col = :p",
				"      p: " + type + "\n");
		Map<String, Object> explicitNull = new HashMap<>();
		explicitNull.put("p", null);

		assertThat(count(optionalFilter, Map.of("p", value))).as("given").isEqualTo(1);
		assertThat(count(optionalFilter, Map.of())).as("absent").isEqualTo(1);
		assertThat(count(optionalFilter, explicitNull)).as("null").isEqualTo(1);
		assertThat(count(comparison, Map.of("p", value))).as("given, compared").isEqualTo(1);
		assertThat(count(comparison, Map.of())).as("absent, compared").isZero();
		assertThat(count(comparison, explicitNull)).as("null, compared").isZero();
	}

	private static long count(CatalogQuery query, Map<String, ?> submitted) {
		QueryResult result = executor.execute(query, query.bind(submitted), new Control());
		return ((Number) result.rows().get(0).get(0)).longValue();
	}

	@Test
	void rowsBeyondMaxRowsAreDroppedAndFlagged() {
		CatalogQuery query = Catalog.parse("""
				queries:
				  series:
				    sql: select g from generate_series(1, :n) g
				    params: { n: { type: int, required: true } }
				    maxRows: 3
				""", "test").find("series").orElseThrow();

		QueryResult over = executor.execute(query, query.bind(Map.of("n", 4)), new Control());
		QueryResult exact = executor.execute(query, query.bind(Map.of("n", 3)), new Control());

		assertThat(over.rowCount()).isEqualTo(3);
		assertThat(over.truncated()).isTrue();
		assertThat(exact.rowCount()).isEqualTo(3);
		assertThat(exact.truncated()).isFalse();
	}

	@Test
	void statementTimeoutFailsWith57014AndEachQueryRunsWithItsOwn() {
		CatalogQuery impatient = timed("select 1 from pg_sleep(1)", "100ms");
		CatalogQuery patient = timed("select 1 from pg_sleep(0.3)", "5s");

		assertThatExceptionOfType(QueryFailedException.class)
			.isThrownBy(() -> executor.execute(impatient, Map.of(), new Control()))
			.satisfies((ex) -> {
				assertThat(ex.error().code()).isEqualTo("57014");
				assertThat(ex.error().message()).isEqualTo("statement timeout of 100ms exceeded");
			});
		// The pool has one connection: each query runs on it with its own timeout.
		assertThat(executor.execute(patient, Map.of(), new Control()).rowCount()).isEqualTo(1);
		assertThat(executor.execute(patient, Map.of(), new Control()).rowCount()).isEqualTo(1);
		assertThatExceptionOfType(QueryFailedException.class)
			.isThrownBy(() -> executor.execute(impatient, Map.of(), new Control()))
			.satisfies((ex) -> assertThat(ex.error().code()).isEqualTo("57014"));
	}

	@Test
	void statementCancelledByItsTimeoutLeavesTheConnectionHealthy() {
		CatalogQuery impatient = timed("select 1 from pg_sleep(1)", "100ms");
		CatalogQuery next = timed("select 1 from pg_sleep(0.1)", "5s");

		// The pool has one connection: the next query runs where the timed-out one did.
		assertThatExceptionOfType(QueryFailedException.class)
			.isThrownBy(() -> executor.execute(impatient, Map.of(), new Control()));
		assertThat(executor.execute(next, Map.of(), new Control()).rowCount()).isEqualTo(1);
	}

	@Test
	void timeoutFiringAsTheStatementEndsNeverCancelsTheNextQuery() {
		CatalogQuery onTheEdge = timed("select 1 from pg_sleep(0.05)", "50ms");
		CatalogQuery next = timed("select 1 from pg_sleep(0.1)", "5s");

		for (int i = 0; i < 20; i++) {
			try {
				executor.execute(onTheEdge, Map.of(), new Control());
			}
			catch (QueryFailedException ex) {
				assertThat(ex.error().code()).isEqualTo("57014");
			}
			// A cancel of the statement on the edge that arrived late would stop this
			// one.
			assertThat(executor.execute(next, Map.of(), new Control()).rowCount()).as("query after %d", i).isEqualTo(1);
		}
	}

	@Test
	void sessionStatementTimeoutIsTheLongestCatalogTimeoutPlusAMargin() {
		QueryResult result = executor.execute(query("select current_setting('statement_timeout') as timeout"), Map.of(),
				new Control());

		assertThat(result.rows().get(0)).containsExactly("61s");
	}

	@Test
	void sessionStatementTimeoutStopsAStatementItsOwnTimerMissed() {
		Catalog fast = Catalog.parse("queries:\n  fast:\n    sql: select 1\n    timeout: 100ms\n", "test");
		// Outside that catalog: its own 60 s timer would fire long after the session's
		// 1.1 s, as if that timer were stuck.
		CatalogQuery outsider = timed("select 1 from pg_sleep(30)", "60s");
		try (HikariDataSource netOnly = pool(database.jdbcUrl(), fast)) {
			QueryExecutor guarded = new QueryExecutor(netOnly);

			assertThatExceptionOfType(QueryFailedException.class)
				.isThrownBy(() -> guarded.execute(outsider, Map.of(), new Control()))
				.satisfies((ex) -> assertThat(ex.error().code()).isEqualTo("57014"))
				.satisfies((ex) -> assertThat(ex.getCause()).hasMessageContaining("statement timeout"));
		}
	}

	@Test
	void queryIsOneTransactionWhateverTheTimeoutOfTheQueryBefore() throws Exception {
		CatalogQuery oneSecond = timed("select 1", "1s");
		CatalogQuery twoSeconds = timed("select 2", "2s");

		long[] alone = transactionsOf((counting) -> counting.execute(oneSecond, Map.of(), new Control()));
		long[] mixed = transactionsOf((counting) -> {
			for (int i = 0; i < 20; i++) {
				counting.execute(oneSecond, Map.of(), new Control());
			}
			for (int i = 0; i < 10; i++) {
				counting.execute(twoSeconds, Map.of(), new Control());
				counting.execute(oneSecond, Map.of(), new Control());
			}
		});

		// Each statement in auto-commit mode is a transaction of its own, so commits
		// count statements: 40 queries are 40 statements, none to set a timeout.
		// Opening the connection costs the same few statements in both runs, so the
		// mixed run has exactly 39 more than the lone query's.
		assertThat(alone[1]).as("rollbacks").isZero();
		assertThat(mixed[1]).as("rollbacks").isZero();
		assertThat(mixed[0] - alone[0]).as("statements beyond the lone query's").isEqualTo(40 - 1);
	}

	/**
	 * Commits and rollbacks of a fresh database while a pool of one connection runs the
	 * workload on it.
	 */
	private static long[] transactionsOf(Consumer<QueryExecutor> workload) throws Exception {
		try (TestDatabase counted = TestDatabase.create("round_trips")) {
			try (HikariDataSource onePool = pool(counted.jdbcUrl(), CATALOG)) {
				workload.accept(new QueryExecutor(onePool));
			}
			// The backend reports its counts when it exits, all at once.
			await().atMost(Duration.ofSeconds(30)).until(() -> transactions(counted)[0] > 0);
			return transactions(counted);
		}
	}

	@Test
	void sqlErrorFailsWithSqlStateAndKeepsTheDatabasesMessageForTheLog() {
		assertThatExceptionOfType(QueryFailedException.class)
			.isThrownBy(() -> executor.execute(query("select * from nope"), Map.of(), new Control()))
			.satisfies((ex) -> {
				assertThat(ex.error().code()).isEqualTo("42P01");
				assertThat(ex.error().message()).contains("SQLSTATE 42P01").doesNotContain("nope");
				assertThat(ex.getMessage()).isEqualTo("42P01: relation \"nope\" does not exist");
			});
	}

	@Test
	void connectionsAreReadOnly() {
		assertThatExceptionOfType(QueryFailedException.class)
			.isThrownBy(() -> executor.execute(query("insert into typed (id) values (99) returning id"), Map.of(),
					new Control()))
			.satisfies((ex) -> assertThat(ex.error().code()).isEqualTo("25006"));
		assertThat(executor.execute(query("select id from typed where id = 99"), Map.of(), new Control()).rowCount())
			.isZero();
	}

	@Test
	void cancelRequestStopsTheRunningStatement() {
		Control control = new Control();
		CompletableFuture<QueryResult> running = CompletableFuture
			.supplyAsync(() -> executor.execute(timed("select 1 from pg_sleep(30)", "60s"), Map.of(), control));
		await().atMost(Duration.ofSeconds(10)).until(() -> control.statement.get() != null);

		control.cancel();

		assertThat(running).failsWithin(Duration.ofSeconds(10))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ExecutionAbandonedException.class);
	}

	@Test
	void abandonedExecutionDoesNotStart() {
		Control control = new Control();
		control.cancel();

		assertThatExceptionOfType(ExecutionAbandonedException.class)
			.isThrownBy(() -> executor.execute(timed("select 1 from pg_sleep(30)", "60s"), Map.of(), control));
		assertThat(control.connected).isTrue();
		assertThat(control.statement.get()).isNull();
	}

	@Test
	void unreachableDatabaseIsUnavailableNotAFailedQuery() {
		DataSourceProperties properties = new DataSourceProperties();
		properties.setUrl("jdbc:postgresql://127.0.0.1:1/nowhere");
		properties.setUsername("postgres");
		WorkerProperties worker = new WorkerProperties(1, null, Duration.ofMillis(500), Duration.ofSeconds(10));
		try (HikariDataSource unreachable = new ExecuteConfiguration().dataSource(properties, worker, CATALOG,
				new StaticListableBeanFactory().getBeanProvider(MeterRegistry.class), "sluice-execute-it")) {
			Control control = new Control();

			assertThatExceptionOfType(DatabaseUnavailableException.class)
				.isThrownBy(() -> new QueryExecutor(unreachable).execute(query("select 1"), Map.of(), control));
			assertThat(control.connected).isFalse();
		}
	}

	private static CatalogQuery query(String sql) {
		return query(sql, null);
	}

	private static CatalogQuery query(String sql, String params) {
		String yaml = "queries:\n  q:\n    sql: |\n" + Arrays.stream(sql.split("\n"))
			.map((line) -> "      " + line)
			.reduce("", (all, line) -> all + line + "\n") + ((params != null) ? "    params:\n" + params : "");
		return Catalog.parse(yaml, "test").find("q").orElseThrow();
	}

	private static CatalogQuery timed(String sql, String timeout) {
		return Catalog.parse("queries:\n  q:\n    sql: " + sql + "\n    timeout: " + timeout + "\n", "test")
			.find("q")
			.orElseThrow();
	}

	/** Records what the executor reports; {@link #cancel()} acts like a client cancel. */
	static final class Control implements ExecutionControl {

		final AtomicReference<Statement> statement = new AtomicReference<>();

		final AtomicBoolean canceled = new AtomicBoolean();

		volatile boolean connected;

		@Override
		public void connected() {
			this.connected = true;
		}

		@Override
		public synchronized boolean attach(Statement statement) {
			if (this.canceled.get()) {
				return false;
			}
			this.statement.set(statement);
			return true;
		}

		@Override
		public synchronized void detach() {
			this.statement.set(null);
		}

		@Override
		public boolean cancelRequested() {
			return this.canceled.get();
		}

		synchronized void cancel() {
			this.canceled.set(true);
			Statement running = this.statement.get();
			if (running != null) {
				try {
					running.cancel();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		}

	}

}
