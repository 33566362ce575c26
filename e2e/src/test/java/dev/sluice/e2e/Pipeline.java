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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.kafka.KafkaCluster;
import dev.sluice.devstack.postgres.TestDatabase;
import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.e2e.SluiceClient.Response;

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
 * <p>
 * A test that needs another shape (one worker to start with, its own broker) starts a
 * pipeline of its own with {@link #start(String, int, int, Supplier)} and closes it.
 */
final class Pipeline implements AutoCloseable {

	static final int POOL_SIZE = 4;

	static final int WORKERS = 2;

	private static final int INGRESSES = 2;

	/** Partitions of every topic: enough for three workers to hold two each. */
	static final int PARTITIONS = 6;

	private static final Duration TERMINAL_WAIT = Duration.ofSeconds(180);

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

	private final String prefix;

	private final Brokers brokers;

	private final TestDatabase database;

	private final Map<String, String> common;

	private final List<ChildProcess> ingresses = new ArrayList<>();

	// Read by samplers on other threads while a test adds workers.
	private final List<ChildProcess> workers = new CopyOnWriteArrayList<>();

	private final Map<Submission, List<List<String>>> expected = new ConcurrentHashMap<>();

	private Pipeline(String prefix, Brokers brokers, TestDatabase database, Path catalog) {
		this.prefix = prefix;
		this.brokers = brokers;
		this.database = database;
		this.common = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", brokers.bootstrapServers(), "SLUICE_CATALOG",
				catalog.toString(), "SLUICE_TOPICS_PARTITIONS", Integer.toString(PARTITIONS));
	}

	/**
	 * Start the shared pipeline, {@value #WORKERS} workers and two ingresses on one
	 * broker, and wait until every process is ready.
	 * @return the pipeline; the caller closes it
	 */
	static Pipeline start() {
		return start("", WORKERS, INGRESSES, Brokers::single);
	}

	/**
	 * Start the shared pipeline's shape on a Kafka cluster the caller owns, and wait
	 * until every process is ready; closing the pipeline leaves the cluster running.
	 * @param cluster a started cluster
	 * @param name the pipeline's name, before its processes' names and in its database's
	 * @return the pipeline; the caller closes it
	 */
	static Pipeline on(KafkaCluster cluster, String name) {
		return start(name + "-", WORKERS, INGRESSES, () -> new Brokers(cluster.bootstrapServers(), () -> {
		}));
	}

	/**
	 * Start a pipeline of the given shape and wait until every process is ready.
	 * @param prefix goes before every process name ({@code <prefix>worker-1}), so that
	 * its logs and database connections are told apart from the shared pipeline's
	 * @param workers how many workers to start with
	 * @param ingresses how many ingresses
	 * @param kafka starts the Kafka the pipeline runs on
	 * @return the pipeline; the caller closes it
	 */
	static Pipeline start(String prefix, int workers, int ingresses, Supplier<Brokers> kafka) {
		Path catalog = catalog();
		Brokers brokers = kafka.get();
		TestDatabase database;
		try {
			database = TestDatabase.create(prefix.isEmpty() ? "e2e" : prefix.replace("-", ""));
		}
		catch (RuntimeException ex) {
			brokers.stop();
			throw ex;
		}
		Pipeline pipeline = new Pipeline(prefix, brokers, database, catalog);
		try {
			pipeline.startProcesses(workers, ingresses);
			return pipeline;
		}
		catch (RuntimeException ex) {
			pipeline.close();
			throw ex;
		}
	}

	private void startProcesses(int workers, int ingresses) {
		this.database.execute("""
				create table items (id bigint primary key, grp int not null, name text not null,
				  price numeric(10, 2) not null, added date not null);
				insert into items
				  select g, g % 50, 'item-' || g, round((g % 997) / 7.0, 2), date '2026-01-01' + (g % 300)
				  from generate_series(1, 20000) g;
				create index on items (grp);
				analyze items;
				""");
		for (int i = 1; i <= workers; i++) {
			addWorker();
		}
		for (int i = 1; i <= ingresses; i++) {
			Map<String, String> environment = new HashMap<>(this.common);
			// Not a test of API keys, whatever the default mode is.
			environment.put("SLUICE_SECURITY_MODE", "open");
			this.ingresses.add(BuiltApps.ingress(this.prefix + "ingress-" + i, environment, LOGS));
		}
		all().forEach(BuiltApps::awaitReady);
	}

	/**
	 * Start one more ingress on this pipeline, for a test that needs one configured its
	 * own way; the caller stops it.
	 * @param name its name, for its log
	 * @param environment its settings beyond the pipeline's
	 * @return the ingress, ready
	 */
	ChildProcess startIngress(String name, Map<String, String> environment) {
		Map<String, String> all = new HashMap<>(this.common);
		all.putAll(environment);
		ChildProcess ingress = BuiltApps.ingress(this.prefix + name, all, LOGS);
		BuiltApps.awaitReady(ingress);
		return ingress;
	}

	/**
	 * Start one more worker, {@code <prefix>worker-<n+1>}, without waiting for it: it
	 * joins the worker group once it has started.
	 * @return the worker
	 */
	ChildProcess addWorker() {
		String name = this.prefix + "worker-" + (this.workers.size() + 1);
		Map<String, String> environment = new HashMap<>(this.common);
		environment.put("SPRING_DATASOURCE_URL", this.database.jdbcUrl() + "?ApplicationName=" + applicationName(name));
		environment.put("SPRING_DATASOURCE_USERNAME", this.database.username());
		environment.put("SPRING_DATASOURCE_PASSWORD", this.database.password());
		environment.put("SLUICE_WORKER_POOL_SIZE", Integer.toString(POOL_SIZE));
		ChildProcess worker = BuiltApps.worker(name, environment, LOGS);
		this.workers.add(worker);
		return worker;
	}

	/**
	 * @param worker a worker's process name, e.g. {@code worker-1}
	 * @return the {@code application_name} of its connections in
	 * {@code pg_stat_activity}, {@code sluice-<name>}
	 */
	static String applicationName(String worker) {
		return "sluice-" + worker;
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
	 * @return the bootstrap servers every app of this pipeline was given
	 */
	String bootstrapServers() {
		return this.brokers.bootstrapServers();
	}

	/**
	 * @return every worker started so far, running or not, in the order they were added
	 */
	List<ChildProcess> workers() {
		return List.copyOf(this.workers);
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
		return awaitTerminal(accepted, (i) -> client(i % this.ingresses.size()));
	}

	/**
	 * Long-poll each accepted query through the given clients until it ends, at most 180
	 * s each, eight queries at a time.
	 * @param accepted the answers to the submissions
	 * @param clients the client to ask for the status of the query at an index
	 * @return the terminal status of each, in the same order
	 * @throws java.util.concurrent.CompletionException if a query did not end in time, or
	 * its status could not be read
	 */
	static List<Response> awaitTerminal(List<Response> accepted, Function<Integer, SluiceClient> clients) {
		Semaphore inFlight = new Semaphore(8);
		List<CompletableFuture<Response>> finished = new ArrayList<>();
		for (int i = 0; i < accepted.size(); i++) {
			inFlight.acquireUninterruptibly();
			long deadline = System.nanoTime() + TERMINAL_WAIT.toNanos();
			finished.add(untilTerminal(clients.apply(i), accepted.get(i).id(), deadline)
				.whenComplete((response, failure) -> inFlight.release()));
		}
		return finished.stream().map(CompletableFuture::join).toList();
	}

	private static CompletableFuture<Response> untilTerminal(SluiceClient client, String id, long deadline) {
		return client.status(id, 10).thenCompose((status) -> {
			if (status.isTerminal()) {
				return CompletableFuture.completedFuture(status);
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IllegalStateException(id + " did not reach a terminal state within "
						+ TERMINAL_WAIT.toSeconds() + " s; its last status: " + status);
			}
			return CompletableFuture.runAsync(() -> {
			}, CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS))
				.thenCompose((ignored) -> untilTerminal(client, id, deadline));
		});
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
			this.brokers.stop();
		}
		finally {
			this.database.close();
		}
	}

	private List<ChildProcess> all() {
		List<ChildProcess> all = new ArrayList<>(this.workers);
		all.addAll(this.ingresses);
		return all;
	}

	/**
	 * The Kafka a pipeline runs on, as its apps see it: bootstrap servers, and how to
	 * stop it.
	 *
	 * @param bootstrapServers what the apps are given
	 * @param running the broker or brokers, closed when the pipeline closes
	 */
	record Brokers(String bootstrapServers, AutoCloseable running) {

		/**
		 * @return one throw-away broker, started
		 */
		static Brokers single() {
			return of(KafkaBroker.temporary().start(), KafkaBroker::bootstrapServers);
		}

		/**
		 * @param kafka a started broker or cluster
		 * @param bootstrapServers how to ask it for its bootstrap servers
		 * @return it, as a pipeline sees it
		 */
		static <K extends AutoCloseable> Brokers of(K kafka, Function<K, String> bootstrapServers) {
			return new Brokers(bootstrapServers.apply(kafka), kafka);
		}

		void stop() {
			try {
				this.running.close();
			}
			catch (Exception ex) {
				throw new IllegalStateException("Stopping Kafka at " + this.bootstrapServers + " failed", ex);
			}
		}

	}

}
