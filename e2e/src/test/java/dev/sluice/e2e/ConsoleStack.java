package dev.sluice.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.postgres.TestDatabase;
import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.devstack.process.Probe;
import dev.sluice.devstack.process.Readiness;
import dev.sluice.e2e.SluiceClient.Response;

/**
 * The smallest whole Sluice the observability tests watch: one broker, one database, one
 * worker and one ingress from the built jars, with a catalog whose queries can hit the
 * cache, coalesce and fail on purpose.
 */
final class ConsoleStack implements AutoCloseable {

	/** Catalog query that can miss, hit and coalesce: about 50 ms on the database. */
	static final String ITEM = "item";

	/** Catalog query that always fails on the database: division by zero. */
	static final String BROKEN = "broken";

	private static final String CATALOG = """
			queries:
			  item:
			    description: One item by id, about 50 ms on the database
			    sql: select id, name from items, pg_sleep(0.05) where id = :id
			    params:
			      id: { type: long, required: true, min: 1 }
			    cacheTtl: 30s
			    timeout: 2s
			    queueTimeout: 120s
			  broken:
			    description: Fails on the database with SQLSTATE 22012
			    sql: select 1 / (:x - :x) as boom
			    params:
			      x: { type: int, required: true }
			    cacheTtl: 0s
			    timeout: 2s
			""";

	private final KafkaBroker broker;

	private final TestDatabase database;

	private final ChildProcess worker;

	private final ChildProcess ingress;

	private ConsoleStack(KafkaBroker broker, TestDatabase database, ChildProcess worker, ChildProcess ingress) {
		this.broker = broker;
		this.database = database;
		this.worker = worker;
		this.ingress = ingress;
	}

	static ConsoleStack start(String purpose, Path logs) throws Exception {
		KafkaBroker broker = KafkaBroker.temporary().start();
		TestDatabase database = TestDatabase.create(purpose);
		database.execute("""
				create table items (id bigint primary key, name text not null);
				insert into items select g, 'item-' || g from generate_series(1, 1000) g;
				""");
		Path catalog = Files.createTempFile("sluice-" + purpose + "-catalog", ".yml");
		Files.writeString(catalog, CATALOG);
		Map<String, String> common = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
				"SLUICE_CATALOG", catalog.toString(), "SLUICE_TOPICS_PARTITIONS", "3", "SLUICE_QUEUE_INTERVAL", "1s");
		Map<String, String> workerEnvironment = new HashMap<>(common);
		workerEnvironment.put("SPRING_DATASOURCE_URL", database.jdbcUrl());
		workerEnvironment.put("SPRING_DATASOURCE_USERNAME", database.username());
		workerEnvironment.put("SPRING_DATASOURCE_PASSWORD", database.password());
		workerEnvironment.put("SLUICE_WORKER_POOL_SIZE", "4");
		ChildProcess worker = BuiltApps.worker(purpose + "-worker", workerEnvironment, logs);
		ChildProcess ingress = BuiltApps.ingress(purpose + "-ingress", common, logs);
		ConsoleStack stack = new ConsoleStack(broker, database, worker, ingress);
		try {
			awaitListening(worker);
			awaitListening(ingress);
			BuiltApps.awaitReady(worker);
			BuiltApps.awaitReady(ingress);
		}
		catch (RuntimeException | Error ex) {
			stack.close();
			throw ex;
		}
		return stack;
	}

	/**
	 * On a loaded machine a JVM can take a minute to open its port: give it up to 180 s
	 * for that before the 120 s it has to turn ready.
	 */
	private static void awaitListening(ChildProcess app) {
		Readiness.within(Duration.ofSeconds(180)).every(Duration.ofMillis(500)).await(app, Probe.listening(app.port()));
	}

	KafkaBroker broker() {
		return this.broker;
	}

	ChildProcess worker() {
		return this.worker;
	}

	ChildProcess ingress() {
		return this.ingress;
	}

	SluiceClient client() {
		return new SluiceClient(this.ingress.baseUrl());
	}

	/**
	 * Submit {@code count} lookups of {@link #ITEM} over ids {@code 1..distinctIds}, at
	 * most 20 in flight: ids repeat, so some queries hit the cache or coalesce.
	 * @return the answers, in order: {@code 202}, or {@code 200} when a cache hit ended
	 * the query before the ingress answered
	 */
	List<Response> burst(int count, int distinctIds) {
		Semaphore inFlight = new Semaphore(20);
		List<CompletableFuture<Response>> answers = new ArrayList<>();
		SluiceClient client = client();
		for (int i = 0; i < count; i++) {
			inFlight.acquireUninterruptibly();
			answers.add(client.submit(ITEM, Map.of("id", 1 + (i % distinctIds)))
				.whenComplete((response, failure) -> inFlight.release()));
		}
		return answers.stream().map(CompletableFuture::join).toList();
	}

	@Override
	public void close() {
		this.ingress.close();
		this.worker.close();
		this.broker.close();
		this.database.close();
	}

}
