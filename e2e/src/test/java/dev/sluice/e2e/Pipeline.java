package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.kafka.KafkaCluster;
import dev.sluice.devstack.postgres.TestDatabase;
import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.e2e.SluiceClient.Response;

import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline as operators run it: two ingress and two worker processes from the
 * built jars, one real Kafka broker, one PostgreSQL database holding 20,000 items. The
 * ITs that test it share one: the first test that asks for it starts it, and it stops
 * when the test run ends.
 * <p>
 * A test class asks for it with {@code @ExtendWith(SharedPipeline.class)} and a
 * {@code Pipeline} parameter on its test methods.
 * <p>
 * Sharing holds as long as every test submits queries of its own (parameters no other
 * test uses, where the outcome could depend on them) and starts again any process it
 * stops or kills before it ends.
 */
final class Pipeline implements AutoCloseable {

	static final int POOL_SIZE = 4;

	static final int WORKERS = 2;

	private static final int INGRESSES = 2;

	private static final Path LOGS = Path.of("target", "e2e-logs");

	private static final String CATALOG = """
			queries:
			  item:
			    description: One item by id
			    sql: select id, grp, name, price, added from items where id = :id
			    params:
			      id: { type: long, required: true, min: 1 }
			    cacheTtl: 30s
			    timeout: 2s
			    queueTimeout: 120s
			  group_total:
			    description: Count and value of a group's items above an id, about 10 ms on the database
			    sql: |
			      select count(*) as n, sum(price) as total
			      from items, pg_sleep(0.01)
			      where grp = :grp and id > :minId
			    params:
			      grp:   { type: int, required: true, min: 0, max: 49 }
			      minId: { type: long, default: 0, min: 0 }
			    cacheTtl: 0s
			    timeout: 5s
			    queueTimeout: 120s
			""";

	private final String bootstrapServers;

	private final AutoCloseable kafka;

	private final Path logs;

	private final TestDatabase database;

	private final List<ChildProcess> ingresses = new ArrayList<>();

	private final List<ChildProcess> workers = new ArrayList<>();

	private final Map<Submission, List<List<String>>> expected = new ConcurrentHashMap<>();

	private Pipeline(String bootstrapServers, AutoCloseable kafka, Path logs, TestDatabase database) {
		this.bootstrapServers = bootstrapServers;
		this.kafka = kafka;
		this.logs = logs;
		this.database = database;
	}

	/**
	 * Start a pipeline and wait until every process is ready.
	 * @return the pipeline; the caller closes it
	 */
	static Pipeline start() {
		KafkaBroker broker = KafkaBroker.temporary().start();
		return start(broker.bootstrapServers(), broker, LOGS);
	}

	/**
	 * Start a pipeline on a Kafka cluster the caller owns, and wait until every process
	 * is ready; closing the pipeline leaves the cluster running.
	 * @param cluster a started cluster
	 * @param name the pipeline's name: its processes log to
	 * {@code target/e2e-logs/<name>/}
	 * @return the pipeline; the caller closes it
	 */
	static Pipeline on(KafkaCluster cluster, String name) {
		return start(cluster.bootstrapServers(), () -> {
		}, LOGS.resolve(name));
	}

	private static Pipeline start(String bootstrapServers, AutoCloseable kafka, Path logs) {
		TestDatabase database;
		try {
			database = TestDatabase.create("e2e");
		}
		catch (RuntimeException ex) {
			closeQuietly(kafka);
			throw ex;
		}
		Pipeline pipeline = new Pipeline(bootstrapServers, kafka, logs, database);
		try {
			pipeline.startProcesses();
			return pipeline;
		}
		catch (RuntimeException ex) {
			pipeline.close();
			throw ex;
		}
	}

	private void startProcesses() {
		this.database.execute("""
				create table items (id bigint primary key, grp int not null, name text not null,
				  price numeric(10, 2) not null, added date not null);
				insert into items
				  select g, g % 50, 'item-' || g, round((g % 997) / 7.0, 2), date '2026-01-01' + (g % 300)
				  from generate_series(1, 20000) g;
				create index on items (grp);
				analyze items;
				""");
		Map<String, String> common = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.bootstrapServers, "SLUICE_CATALOG",
				catalog().toString(), "SLUICE_TOPICS_PARTITIONS", "6");
		for (int i = 1; i <= WORKERS; i++) {
			Map<String, String> environment = new HashMap<>(common);
			environment.put("SPRING_DATASOURCE_URL", this.database.jdbcUrl() + "?ApplicationName=sluice-worker-" + i);
			environment.put("SPRING_DATASOURCE_USERNAME", this.database.username());
			environment.put("SPRING_DATASOURCE_PASSWORD", this.database.password());
			environment.put("SLUICE_WORKER_POOL_SIZE", Integer.toString(POOL_SIZE));
			this.workers.add(BuiltApps.worker("worker-" + i, environment, this.logs));
		}
		Map<String, String> ingress = new HashMap<>(common);
		ingress.put("SLUICE_SECURITY_MODE", "open");
		for (int i = 1; i <= INGRESSES; i++) {
			this.ingresses.add(BuiltApps.ingress("ingress-" + i, ingress, this.logs));
		}
		all().forEach(BuiltApps::awaitReady);
	}

	private static Path catalog() {
		try {
			Path catalog = Files.createTempFile("sluice-e2e-catalog", ".yml");
			Files.writeString(catalog, CATALOG);
			return catalog;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the e2e catalog", ex);
		}
	}

	TestDatabase database() {
		return this.database;
	}

	/**
	 * @param index from 0
	 * @return that ingress process
	 */
	ChildProcess ingress(int index) {
		return this.ingresses.get(index);
	}

	/**
	 * @param index from 0
	 * @return that worker process
	 */
	ChildProcess worker(int index) {
		return this.workers.get(index);
	}

	/**
	 * @param index from 0
	 * @return a client of that ingress
	 */
	SluiceClient client(int index) {
		return new SluiceClient(ingress(index).baseUrl());
	}

	/**
	 * Submit every query, spread over the ingress processes, at most 64 at a time.
	 * @param submissions the queries
	 * @return the answers, in the order of {@code submissions}
	 */
	List<Response> submitAll(List<Submission> submissions) {
		Semaphore inFlight = new Semaphore(64);
		List<CompletableFuture<Response>> responses = new ArrayList<>();
		for (int i = 0; i < submissions.size(); i++) {
			SluiceClient client = client(i % this.ingresses.size());
			inFlight.acquireUninterruptibly();
			Submission submission = submissions.get(i);
			responses.add(client.submit(submission.query(), submission.params())
				.whenComplete((response, failure) -> inFlight.release()));
		}
		return responses.stream().map(CompletableFuture::join).toList();
	}

	/**
	 * Long-poll each accepted query until it ends, at most 180 s each.
	 * @param accepted the answers to the submissions
	 * @return the terminal status of each, in the same order
	 */
	List<Response> awaitTerminal(List<Response> accepted) {
		List<Response> finished = new ArrayList<>();
		for (int i = 0; i < accepted.size(); i++) {
			SluiceClient client = client(i % this.ingresses.size());
			String id = accepted.get(i).id();
			Response[] last = new Response[1];
			await("terminal state of " + id).atMost(Duration.ofSeconds(180))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> {
					last[0] = client.status(id, 10).join();
					return last[0].isTerminal();
				});
			finished.add(last[0]);
		}
		return finished;
	}

	/**
	 * What the query answers when run straight over JDBC, in the form of
	 * {@link Response#rows()}.
	 * @param submission the query
	 * @return its rows
	 */
	List<List<String>> directly(Submission submission) {
		return this.expected.computeIfAbsent(submission, (key) -> key.runOverJdbc(this.database));
	}

	@Override
	public void close() {
		all().forEach(ChildProcess::close);
		try {
			closeQuietly(this.kafka);
		}
		finally {
			this.database.close();
		}
	}

	private static void closeQuietly(AutoCloseable kafka) {
		try {
			kafka.close();
		}
		catch (Exception ex) {
			// Stopping Kafka at the end of a run: nothing left to do about a failure.
		}
	}

	private List<ChildProcess> all() {
		List<ChildProcess> all = new ArrayList<>(this.workers);
		all.addAll(this.ingresses);
		return all;
	}

}
