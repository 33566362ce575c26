package dev.sluice.e2e;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.JsonCodec;
import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.postgres.TestDatabase;
import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.e2e.SluiceClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline as operators run it: two ingress and two worker processes from the
 * built jars, one real Kafka broker, one PostgreSQL database. Every test submits queries
 * of its own and leaves the processes running as it found them, so they pass in any
 * order.
 */
class PipelineIT {

	private static final Logger logger = LoggerFactory.getLogger(PipelineIT.class);

	private static final int POOL_SIZE = 4;

	private static final int WORKERS = 2;

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

	private static KafkaBroker broker;

	private static TestDatabase database;

	private static final List<ChildProcess> ingresses = new ArrayList<>();

	private static final List<ChildProcess> workers = new ArrayList<>();

	@BeforeAll
	static void startPipeline() throws Exception {
		broker = KafkaBroker.temporary().start();
		database = TestDatabase.create("e2e");
		database.execute("""
				create table items (id bigint primary key, grp int not null, name text not null,
				  price numeric(10, 2) not null, added date not null);
				insert into items
				  select g, g % 50, 'item-' || g, round((g % 997) / 7.0, 2), date '2026-01-01' + (g % 300)
				  from generate_series(1, 20000) g;
				create index on items (grp);
				analyze items;
				""");
		Path catalog = Files.createTempFile("sluice-e2e-catalog", ".yml");
		Files.writeString(catalog, CATALOG);
		Map<String, String> common = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
				"SLUICE_CATALOG", catalog.toString(), "SLUICE_TOPICS_PARTITIONS", "6");
		for (int i = 1; i <= WORKERS; i++) {
			Map<String, String> environment = new HashMap<>(common);
			environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl() + "?ApplicationName=sluice-worker-" + i);
			environment.put("SPRING_DATASOURCE_USERNAME", database.username());
			environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
			environment.put("SLUICE_WORKER_POOL_SIZE", Integer.toString(POOL_SIZE));
			workers.add(BuiltApps.worker("worker-" + i, environment, LOGS));
		}
		for (int i = 1; i <= 2; i++) {
			ingresses.add(BuiltApps.ingress("ingress-" + i, common, LOGS));
		}
		all().forEach(BuiltApps::awaitReady);
	}

	@AfterAll
	static void stopPipeline() {
		all().forEach(ChildProcess::close);
		if (broker != null) {
			broker.close();
		}
		if (database != null) {
			database.close();
		}
	}

	@Test
	void stormOfTwoThousandQueriesDrainsWithinTheConnectionBound() throws Exception {
		Random random = new Random(42);
		List<Submission> submissions = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			submissions.add((i % 2 == 0) ? new Submission("item", Map.of("id", 1 + random.nextInt(20000)))
					: new Submission("group_total", Map.of("grp", random.nextInt(50), "minId", random.nextInt(4))));
		}
		ConnectionSampler connections = new ConnectionSampler(database);
		long started = System.nanoTime();
		List<Response> accepted = submitAll(submissions);
		long submittedAt = System.nanoTime();
		assertThat(accepted).extracting(Response::status).containsOnly(202);

		List<Response> finished = awaitTerminal(accepted);
		long drainedAt = System.nanoTime();
		int maxConnections = connections.stop();

		assertThat(finished).extracting(Response::state).containsOnly("SUCCEEDED");
		Map<CacheOutcome, Integer> outcomes = new EnumMap<>(CacheOutcome.class);
		for (int i = 0; i < finished.size(); i++) {
			JsonNode status = finished.get(i).body();
			outcomes.merge(CacheOutcome.valueOf(status.get("cache").asString()), 1, Integer::sum);
			assertThat(rows(status)).as("rows of %s %s", submissions.get(i).query(), submissions.get(i).params())
				.isEqualTo(directly(submissions.get(i)));
		}
		assertThat(maxConnections).isPositive().isLessThanOrEqualTo(WORKERS * POOL_SIZE);
		logger.info(String.format(
				"e2e storm: 2000 queries, submitted in %d ms, drained in %d ms after the first submit; "
						+ "max worker connections %d (bound %d); cache outcomes %s",
				TimeUnit.NANOSECONDS.toMillis(submittedAt - started),
				TimeUnit.NANOSECONDS.toMillis(drainedAt - started), maxConnections, WORKERS * POOL_SIZE, outcomes));
	}

	@Test
	void queryAcceptedByOneIngressIsVisibleOnTheOtherAtOnce() throws Exception {
		SluiceClient first = new SluiceClient(ingresses.get(0).baseUrl());
		SluiceClient second = new SluiceClient(ingresses.get(1).baseUrl());
		for (int i = 0; i < 20; i++) {
			Response accepted = first.submit("item", Map.of("id", 100 + i)).get(30, TimeUnit.SECONDS);
			assertThat(accepted.status()).isEqualTo(202);
			Response seen = second.statusNow(accepted.id());
			assertThat(seen.status()).as("status of %s on the other ingress", accepted.id()).isEqualTo(200);
			assertThat(seen.id()).isEqualTo(accepted.id());
		}
	}

	@Test
	void killingAWorkerMidwayLosesNothing() throws Exception {
		List<Submission> submissions = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			submissions.add(new Submission("group_total", Map.of("grp", i % 50, "minId", 1000 + i)));
		}
		List<Response> accepted = submitAll(submissions);
		assertThat(accepted).extracting(Response::status).containsOnly(202);
		SluiceClient client = new SluiceClient(ingresses.get(0).baseUrl());
		AtomicInteger done = new AtomicInteger();
		await("some queries finished before the crash").atMost(Duration.ofSeconds(60)).until(() -> {
			done.set(0);
			for (Response response : accepted.subList(0, 100)) {
				if (client.statusNow(response.id()).isTerminal()) {
					done.incrementAndGet();
				}
			}
			return done.get() >= 20;
		});
		ChildProcess crashed = workers.get(0);
		crashed.kill();
		try {
			List<Response> finished = awaitTerminal(accepted);
			assertThat(finished).extracting(Response::state).containsOnly("SUCCEEDED");
			for (int i = 0; i < finished.size(); i += 25) {
				assertThat(rows(finished.get(i).body())).isEqualTo(directly(submissions.get(i)));
			}
		}
		finally {
			// The other tests count on both workers.
			BuiltApps.awaitReady(crashed.start());
		}
		logger.info(String.format("e2e crash: 600 queries, worker-1 killed with SIGKILL after %d of the first 100 "
				+ "finished; all 600 SUCCEEDED", done.get()));
	}

	@Test
	void restartedIngressStillServesEarlierResults() {
		List<Response> accepted = submitAll(List.of(new Submission("item", Map.of("id", 4242)),
				new Submission("group_total", Map.of("grp", 42, "minId", 4242))));
		assertThat(accepted).extracting(Response::status).containsOnly(202);
		List<Response> earlier = awaitTerminal(accepted);
		assertThat(earlier).extracting(Response::state).containsOnly("SUCCEEDED");
		ChildProcess ingress = ingresses.get(1);
		ingress.stop(Duration.ofSeconds(60));
		BuiltApps.awaitReady(ingress.start());
		SluiceClient client = new SluiceClient(ingress.baseUrl());
		for (Response before : earlier) {
			Response after = client.status(before.id(), 0).join();
			assertThat(after.status()).isEqualTo(200);
			assertThat(after.body()).isEqualTo(before.body());
		}
	}

	@Test
	void hostileRequestsGetProblemsAndTheServiceGoesOn() throws Exception {
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HostileRequests requests = new HostileRequests(ingresses.get(0).baseUrl(), 20261202);
		Map<Integer, Integer> statuses = new java.util.TreeMap<>();
		int reconnected = 0;
		for (int n = 0; n < 2500; n++) {
			HttpRequest request = requests.next();
			HttpResponse<String> response;
			try {
				response = http.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				// The client may send on a kept-alive connection the server has just
				// closed after an error; the same request on a new connection must be
				// answered.
				reconnected++;
				try {
					response = http.send(request, HttpResponse.BodyHandlers.ofString());
				}
				catch (IOException again) {
					throw new AssertionError("request " + n + " got no answer twice: " + request.method() + " "
							+ request.uri() + " " + request.headers().map(), again);
				}
			}
			String seen = request.method() + " " + request.uri() + " " + request.headers().map() + " -> "
					+ response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("") + " "
					+ response.body();
			statuses.merge(response.statusCode(), 1, Integer::sum);
			// Admission control may refuse a valid query with a tiny timeoutMs while
			// anything waits: a 503 about load, not about the input.
			boolean refusedForLoad = response.statusCode() == 503
					&& response.body().contains("urn:sluice:problem:queue-full");
			if (!refusedForLoad) {
				assertThat(response.statusCode()).as(seen).isLessThan(500);
			}
			if (response.statusCode() >= 400) {
				assertThat(response.headers().firstValue("Content-Type")).as(seen)
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				assertThat(JsonCodec.decode(response.body().getBytes(), JsonNode.class).get("status").intValue())
					.as(seen)
					.isEqualTo(response.statusCode());
			}
		}
		logger.info(String.format("e2e hostile requests: 2500 sent, answered %s; %d sent again after the connection "
				+ "closed under them", statuses, reconnected));
		assertThat(reconnected).as("requests sent again on a new connection").isLessThan(25);
		// The service goes on: a valid query still runs to its end.
		SluiceClient client = new SluiceClient(ingresses.get(0).baseUrl());
		Response accepted = client.submit("group_total", Map.of("grp", 7, "minId", 77)).join();
		assertThat(accepted.status()).isEqualTo(202);
		assertThat(awaitTerminal(List.of(accepted)).get(0).body().get("state").stringValue()).isEqualTo("SUCCEEDED");
	}

	private static List<Response> submitAll(List<Submission> submissions) {
		Semaphore inFlight = new Semaphore(64);
		List<CompletableFuture<Response>> responses = new ArrayList<>();
		for (int i = 0; i < submissions.size(); i++) {
			SluiceClient client = new SluiceClient(ingresses.get(i % ingresses.size()).baseUrl());
			inFlight.acquireUninterruptibly();
			Submission submission = submissions.get(i);
			responses.add(client.submit(submission.query(), submission.params())
				.whenComplete((response, failure) -> inFlight.release()));
		}
		return responses.stream().map(CompletableFuture::join).toList();
	}

	private static List<Response> awaitTerminal(List<Response> accepted) {
		List<Response> finished = new ArrayList<>();
		for (int i = 0; i < accepted.size(); i++) {
			SluiceClient client = new SluiceClient(ingresses.get(i % ingresses.size()).baseUrl());
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

	private static List<List<String>> rows(JsonNode status) {
		List<List<String>> rows = new ArrayList<>();
		for (JsonNode row : status.get("result").get("rows")) {
			List<String> values = new ArrayList<>();
			for (JsonNode value : row) {
				values.add(value.isNull() ? null : value.asString());
			}
			rows.add(values);
		}
		return rows;
	}

	private static final Map<Submission, List<List<String>>> expected = new ConcurrentHashMap<>();

	private static List<List<String>> directly(Submission submission) {
		return expected.computeIfAbsent(submission, PipelineIT::runOverJdbc);
	}

	private static List<List<String>> runOverJdbc(Submission submission) {
		String sql = switch (submission.query()) {
			case "item" -> "select id, grp, name, price, added from items where id = ?";
			default -> "select count(*) as n, sum(price) as total from items where grp = ? and id > ?";
		};
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			if (submission.query().equals("item")) {
				statement.setLong(1, ((Number) submission.params().get("id")).longValue());
			}
			else {
				statement.setInt(1, ((Number) submission.params().get("grp")).intValue());
				statement.setLong(2, ((Number) submission.params().get("minId")).longValue());
			}
			List<List<String>> rows = new ArrayList<>();
			try (ResultSet result = statement.executeQuery()) {
				int columns = result.getMetaData().getColumnCount();
				while (result.next()) {
					List<String> row = new ArrayList<>();
					for (int c = 1; c <= columns; c++) {
						Object value = result.getObject(c);
						row.add((value == null) ? null
								: (value instanceof BigDecimal decimal) ? decimal.toPlainString() : value.toString());
					}
					rows.add(row);
				}
			}
			return rows;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Direct JDBC run of " + submission + " failed", ex);
		}
	}

	private static List<ChildProcess> all() {
		List<ChildProcess> all = new ArrayList<>(workers);
		all.addAll(ingresses);
		return all;
	}

	record Submission(String query, Map<String, Object> params) {
	}

	/** Samples, every 20 ms, how many connections the workers hold on the database. */
	static final class ConnectionSampler {

		private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

		private final AtomicInteger max = new AtomicInteger();

		private final Connection connection;

		ConnectionSampler(TestDatabase database) throws Exception {
			this.connection = database.connect();
			PreparedStatement count = this.connection.prepareStatement(
					"select count(*) from pg_stat_activity where datname = ? and application_name like 'sluice-worker%'");
			count.setString(1, database.name());
			this.timer.scheduleAtFixedRate(() -> {
				try (ResultSet result = count.executeQuery()) {
					result.next();
					this.max.accumulateAndGet(result.getInt(1), Math::max);
				}
				catch (Exception ex) {
					// A missed sample only makes the maximum less complete; the next one
					// retries.
				}
			}, 0, 20, TimeUnit.MILLISECONDS);
		}

		int stop() throws Exception {
			this.timer.shutdown();
			this.timer.awaitTermination(5, TimeUnit.SECONDS);
			this.connection.close();
			return this.max.get();
		}

	}

}
