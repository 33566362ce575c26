package dev.sluice.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Admission control under a storm several times what the workers can drain, with a 10-s
 * deadline on every query: the built jars, one real broker, one worker with two database
 * connections, one ingress. Clients honour {@code Retry-After}: each refused submission
 * is sent once more when it says.
 * <p>
 * It prints what a user would want to know of such a storm: how many were accepted and
 * refused, how many accepted ones expired anyway, how many honoured retries were
 * accepted, and how close {@code expectedStartAt} came to the real start.
 */
class AdmissionStormIT {

	private static final Logger logger = LoggerFactory.getLogger(AdmissionStormIT.class);

	private static final int RATE_PER_SECOND = 160;

	private static final Duration STORM = Duration.ofSeconds(20);

	private static final int DEADLINE_MS = 10_000;

	/** How often a client honours {@code Retry-After} before it gives up. */
	private static final int MAX_RETRIES = 5;

	/** Two connections, 50 ms each: at most 40 queries a second. */
	private static final String CATALOG = """
			queries:
			  nap:
			    description: Fifty milliseconds on the database
			    sql: select :n as n from pg_sleep(0.05)
			    params:
			      n: { type: int, required: true }
			    cacheTtl: 0s
			    timeout: 5s
			    queueTimeout: 60s
			""";

	private static final Pattern DRAIN_RATE = Pattern.compile("draining at ([0-9.]+)/s");

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static KafkaBroker broker;

	private static TestDatabase database;

	private static final List<ChildProcess> apps = new ArrayList<>();

	@BeforeAll
	static void start() throws Exception {
		broker = KafkaBroker.temporary().start();
		database = TestDatabase.create("admission");
		Path catalog = Files.createTempFile("sluice-admission-catalog", ".yml");
		Files.writeString(catalog, CATALOG);
		Map<String, String> common = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
				"SLUICE_CATALOG", catalog.toString(), "SLUICE_TOPICS_PARTITIONS", "3", "SLUICE_QUEUE_INTERVAL", "1s");
		Map<String, String> worker = new java.util.HashMap<>(common);
		worker.put("SPRING_DATASOURCE_URL", database.jdbcUrl() + "?ApplicationName=sluice-admission-worker");
		worker.put("SPRING_DATASOURCE_USERNAME", database.username());
		worker.put("SPRING_DATASOURCE_PASSWORD", database.password());
		worker.put("SLUICE_WORKER_POOL_SIZE", "2");
		Path logs = Path.of("target", "e2e-logs");
		apps.add(BuiltApps.worker("admission-worker", worker, logs));
		apps.add(BuiltApps.ingress("admission-ingress", common, logs));
		apps.forEach(BuiltApps::awaitReady);
	}

	@AfterAll
	static void stop() {
		apps.forEach(ChildProcess::close);
		if (broker != null) {
			broker.close();
		}
		if (database != null) {
			database.close();
		}
	}

	@Test
	void aStormBeyondTheDrainIsRefusedHonestlyAndAcceptanceResumes() throws Exception {
		String ingress = apps.get(1).baseUrl();
		// Warm up until the ingress has measured the fleet draining.
		for (int i = 0; i < 200; i++) {
			submit(ingress, -1 - i).join();
		}

		Queue<JsonNode> accepted = new ConcurrentLinkedQueue<>();
		Queue<Integer> retryAfters = new ConcurrentLinkedQueue<>();
		Map<Integer, Integer> otherStatuses = new java.util.concurrent.ConcurrentHashMap<>();
		Queue<String> problemTypes = new ConcurrentLinkedQueue<>();
		Queue<Integer> drainRates = new ConcurrentLinkedQueue<>();
		AtomicInteger refused = new AtomicInteger();
		AtomicIntegerArray retriesAccepted = new AtomicIntegerArray(MAX_RETRIES);
		AtomicInteger retriesRefused = new AtomicInteger();
		List<CompletableFuture<?>> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
		ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
		AtomicInteger next = new AtomicInteger();
		int total = (int) (RATE_PER_SECOND * STORM.toSeconds());
		long started = System.nanoTime();
		clock.scheduleAtFixedRate(() -> {
			for (int i = 0; i < RATE_PER_SECOND / 40 && next.get() < total; i++) {
				int n = next.getAndIncrement();
				String key = "storm-" + n;
				sent.add(submit(ingress, n, key).thenAccept((first) -> {
					if (first.statusCode() == 202) {
						accepted.add(JsonCodec.MAPPER.readTree(first.body()));
						return;
					}
					if (first.statusCode() != 503) {
						otherStatuses.merge(first.statusCode(), 1, Integer::sum);
						return;
					}
					refused.incrementAndGet();
					JsonNode problem = JsonCodec.MAPPER.readTree(first.body());
					problemTypes.add(problem.get("type").asString());
					Matcher rate = DRAIN_RATE.matcher(problem.get("detail").asString());
					if (rate.find()) {
						drainRates.add((int) Math.round(Double.parseDouble(rate.group(1))));
					}
					int retryAfter = Integer.parseInt(first.headers().firstValue("Retry-After").orElse("-1"));
					retryAfters.add(retryAfter);
					CompletableFuture<Void> retried = new CompletableFuture<>();
					sent.add(retried);
					honour(clock, retryAfter, () -> submit(ingress, n, key), 1, retried, accepted, retriesAccepted,
							retriesRefused);
				}));
			}
		}, 0, 25, TimeUnit.MILLISECONDS);
		await("the storm sent").atMost(STORM.multipliedBy(3)).until(() -> next.get() >= total);
		long stormSeconds = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

		// Without anything else sent, an impatient query is accepted again once the
		// backlog has come down.
		long stoppedAt = System.nanoTime();
		await("acceptance to resume").atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> submit(ingress, -1000).join().statusCode() == 202);
		long resumedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
		await("every retry sent").atMost(Duration.ofMinutes(6))
			.until(() -> sent.stream().allMatch(CompletableFuture::isDone));
		clock.shutdownNow();

		SluiceClient client = new SluiceClient(ingress);
		Map<String, Integer> states = new TreeMap<>();
		List<Long> estimateErrors = new ArrayList<>();
		StringBuilder trace = new StringBuilder("submittedAt,expectedStartAt,state,startedAt,completedAt\n");
		for (JsonNode queued : accepted) {
			String id = queued.get("id").asString();
			Response[] last = new Response[1];
			await("terminal state of " + id).atMost(Duration.ofMinutes(3))
				.pollDelay(Duration.ZERO)
				.until(() -> (last[0] = client.status(id, 10).join()).isTerminal());
			states.merge(last[0].state(), 1, Integer::sum);
			trace.append(queued.get("submittedAt").asString())
				.append(',')
				.append(queued.get("expectedStartAt"))
				.append(',')
				.append(last[0].state())
				.append(',')
				.append(last[0].body().get("startedAt"))
				.append(',')
				.append(last[0].body().get("completedAt"))
				.append('\n');
			JsonNode expected = queued.get("expectedStartAt");
			JsonNode startedAt = last[0].body().get("startedAt");
			if (expected != null && !expected.isNull() && startedAt != null && !startedAt.isNull()) {
				estimateErrors
					.add(Duration.between(Instant.parse(expected.asString()), Instant.parse(startedAt.asString()))
						.toMillis());
			}
		}
		Files.writeString(Path.of("target", "admission-storm.csv"), trace);
		int expired = states.getOrDefault("EXPIRED", 0);
		estimateErrors.sort(null);
		int retried = 0;
		for (int i = 0; i < MAX_RETRIES; i++) {
			retried += retriesAccepted.get(i);
		}
		logger.info(String
			.format("e2e admission storm: %d submissions at %d/s over %d ms, %d-s deadline: %d accepted (%d of "
					+ "them retries), %d refused, %s after acceptance; honoured retries accepted at the first to fifth try: %s, "
					+ "%d refused five times; Retry-After %s s; drain rate as admission saw it %s /s (two 50-ms "
					+ "connections: at most 40); acceptance resumed %d ms after the storm; expectedStartAt error "
					+ "(started - expected) p10 %d ms, median %d ms, p90 %d ms", total, RATE_PER_SECOND, stormSeconds,
					DEADLINE_MS / 1000, accepted.size(), retried, refused.get(), states, retriesAccepted,
					retriesRefused.get(), summary(retryAfters), summary(drainRates), resumedAfter,
					percentile(estimateErrors, 0.10), percentile(estimateErrors, 0.50),
					percentile(estimateErrors, 0.90)));

		assertThat(otherStatuses).as("answers other than 202 and 503").isEmpty();
		assertThat(refused.get()).as("refused: the storm overloaded the fleet").isPositive();
		assertThat(accepted.size()).as("accepted").isGreaterThan(RATE_PER_SECOND);
		assertThat(problemTypes).as("problem type of every refusal").containsOnly("urn:sluice:problem:queue-full");
		assertThat(retryAfters).as("Retry-After of every refusal")
			.allSatisfy((seconds) -> assertThat(seconds).isPositive());
		// Each refusal held a place, so honouring Retry-After with the same key gets in.
		// The aim is every one at the first retry; on this host 64-93 % get in at the
		// first and 86-100 % within five (docs/benchmarks.md). This guards against a
		// return to the 11 % of retries accepted before places were held.
		assertThat(refused.get() - retriesRefused.get())
			.as("refused submissions accepted within %d honoured retries, of %d", MAX_RETRIES, refused.get())
			.isGreaterThanOrEqualTo(refused.get() / 2);
		// The aim is at most 1 %; this host gives 0.6-6 %, all in the storm's first
		// seconds
		// (docs/benchmarks.md). This guards
		// against a return to the 39 % of an estimate that neither counted its own
		// admissions nor kept headroom.
		assertThat(expired).as("EXPIRED among %d accepted", accepted.size())
			.isLessThanOrEqualTo(accepted.size() * 15 / 100);
		assertThat(states.keySet()).isSubsetOf("SUCCEEDED", "EXPIRED");
	}

	/**
	 * Send a refused submission again after its {@code Retry-After}, and again while it
	 * is refused, at most {@value #MAX_RETRIES} times.
	 */
	private static void honour(ScheduledExecutorService clock, int retryAfter,
			Supplier<CompletableFuture<HttpResponse<String>>> send, int attempt, CompletableFuture<Void> done,
			Queue<JsonNode> accepted, AtomicIntegerArray retriesAccepted, AtomicInteger retriesRefused) {
		clock.schedule(() -> send.get().thenAccept((retry) -> {
			if (retry.statusCode() == 202) {
				retriesAccepted.incrementAndGet(attempt - 1);
				accepted.add(JsonCodec.MAPPER.readTree(retry.body()));
				done.complete(null);
			}
			else if (retry.statusCode() == 503 && attempt < MAX_RETRIES) {
				int next = Integer.parseInt(retry.headers().firstValue("Retry-After").orElse("1"));
				honour(clock, next, send, attempt + 1, done, accepted, retriesAccepted, retriesRefused);
			}
			else {
				retriesRefused.incrementAndGet();
				done.complete(null);
			}
		}).exceptionally((failure) -> {
			done.complete(null);
			return null;
		}), Math.max(retryAfter, 0), TimeUnit.SECONDS);
	}

	private static CompletableFuture<HttpResponse<String>> submit(String ingress, int n) {
		return submit(ingress, n, null);
	}

	/** Submit with an {@code Idempotency-Key}, which holds the place of a refusal. */
	private static CompletableFuture<HttpResponse<String>> submit(String ingress, int n, String idempotencyKey) {
		String body = "{\"query\": \"nap\", \"params\": {\"n\": " + n + "}, \"timeoutMs\": " + DEADLINE_MS + "}";
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ingress + "/v1/queries"))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String summary(Queue<Integer> values) {
		List<Integer> sorted = new ArrayList<>(values);
		sorted.sort(null);
		return sorted.isEmpty() ? "none" : "min " + sorted.get(0) + ", median " + sorted.get(sorted.size() / 2)
				+ ", max " + sorted.get(sorted.size() - 1);
	}

	private static long percentile(List<Long> sorted, double share) {
		return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, share * sorted.size()));
	}

}
