package dev.sluice.ingress.openapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.Topics;
import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.ingress.support.FakeWorker;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.RunningIngress;
import dev.sluice.ingress.support.WorkerGroupMember;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static dev.sluice.ingress.support.KeysFiles.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The OpenAPI contract against a running ingress on a real broker, with API keys: every
 * answer the test can bring about without a worker (the test plays one where a query must
 * end) is one its operation documents, with the documented content type, headers and a
 * body valid against the documented schema; every documented answer is brought about, or
 * named below with the reason it cannot be; every {@code /v1} handler is documented.
 * <p>
 * It also keeps {@code docs/openapi.json} honest: the committed copy must be what the
 * ingress serves, written with sorted keys. {@value #WRITE} rewrites it.
 */
class OpenApiConformanceIT {

	/**
	 * The system property that makes {@link #committedCopyIsWhatTheIngressServes} write
	 * the copy.
	 */
	static final String WRITE = "sluice.openapi.write";

	private static final String REGENERATE = "./sluice test -pl ingress-api -am -Dit.test=OpenApiConformanceIT "
			+ "-Dfailsafe.failIfNoSpecifiedTests=false -Dsluice.openapi.write=true";

	/** Documented answers no test can bring about here, and why. */
	private static final Map<String, String> NOT_BROUGHT_ABOUT = Map.of("POST /v1/queries 500", "a bug",
			"GET /v1/queries/{id} 500", "a bug", "GET /v1/queries/{id}/events 500", "a bug",
			"DELETE /v1/queries/{id} 500", "a bug", "GET /v1/catalog 500", "a bug", "GET /v1/console/series 500",
			"a bug");

	private static final String FULL = "Bearer conformance-key";

	private static final String SCOPED = "Bearer scoped-key";

	private static final String THROTTLED = "Bearer throttled-key";

	private static final String SUBMISSION = "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": %d}}";

	private static KafkaBroker broker;

	private static Path keysFile;

	private static RunningIngress ingress;

	private static HttpResponse<String> apiDocs;

	@BeforeAll
	static void start() throws IOException {
		broker = KafkaBroker.temporary().start();
		keysFile = Files.createTempFile("sluice-keys", ".yml");
		Files.writeString(keysFile, """
				clients:
				  conformance:
				    keys: [%s]
				  scoped:
				    keys: [%s]
				    queries: [customer_by_id]
				  throttled:
				    keys: [%s]
				    quota: { rate: 0.01, burst: 1 }
				""".formatted(sha256("conformance-key"), sha256("scoped-key"), sha256("throttled-key")));
		// A backlog of one refuses, once a worker consumes: 503 queue-full without a
		// storm.
		ingress = RunningIngress.start(broker.bootstrapServers(), "sluice.security.mode=keys",
				"sluice.security.keys=" + keysFile, "sluice.queue.interval=500ms", "sluice.admission.max-backlog=1");
		apiDocs = Http.get(ingress.uri("/v3/api-docs"));
	}

	@AfterAll
	static void stop() throws IOException {
		ingress.close();
		broker.close();
		Files.deleteIfExists(keysFile);
	}

	@Test
	void theContractIsServedWithoutAKeyAsOpenApi31OfTheV1ApiOnly() {
		assertThat(apiDocs.statusCode()).as(apiDocs.body()).isEqualTo(200);
		assertThat(Http.json(apiDocs).get("openapi").asString()).startsWith("3.1.");
		assertThat(Http.json(apiDocs).get("paths").propertyNames()).isNotEmpty()
			.allMatch((path) -> path.startsWith("/v1/"));
		HttpResponse<String> ui = Http.get(ingress.uri("/swagger-ui/index.html"));
		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
	}

	@Test
	void everyV1HandlerIsDocumented() {
		Set<String> handlers = new TreeSet<>();
		RequestMappingHandlerMapping mapping = ingress.context()
			.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
		for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
			info.getPathPatternsCondition()
				.getPatternValues()
				.stream()
				.filter((path) -> path.startsWith("/v1/"))
				.forEach((path) -> info.getMethodsCondition()
					.getMethods()
					.forEach((method) -> handlers.add(method + " " + path)));
		}
		ContractChecker contract = new ContractChecker(apiDocs.body());

		assertThat(handlers).isNotEmpty();
		assertThat(contract.operations()).as("the operations of the contract").isEqualTo(handlers);
		for (String operation : contract.operations()) {
			assertThat(contract.operationNode(operation).path("security").isEmpty())
				.as("%s is documented in ContractOperations (it has no security requirement, so it was only inferred)",
						operation)
				.isFalse();
		}
	}

	@Test
	void committedCopyIsWhatTheIngressServes() throws Exception {
		JsonMapper sorted = JsonMapper.builder()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
			.build();
		String served = sorted.writeValueAsString(sorted.readValue(apiDocs.body(), Object.class)) + "\n";
		Path committed = repositoryDocs().resolve("openapi.json");
		if (Boolean.getBoolean(WRITE)) {
			Files.writeString(committed, served);
		}
		List<String> committedLines = Files.exists(committed) ? Files.readAllLines(committed) : List.of();
		List<String> servedLines = served.lines().toList();
		int line = 0;
		while (line < committedLines.size() && line < servedLines.size()
				&& committedLines.get(line).equals(servedLines.get(line))) {
			line++;
		}
		if (line < committedLines.size() || line < servedLines.size()) {
			fail("%s is not what the ingress serves at /v3/api-docs; first difference at line %d:%n  committed: %s%n"
					+ "  served:    %s%nRegenerate it with%n  %s%nand commit it.", committed, line + 1,
					lineOrEnd(committedLines, line), lineOrEnd(servedLines, line), REGENERATE);
		}
	}

	private static String lineOrEnd(List<String> lines, int index) {
		return (index < lines.size()) ? lines.get(index).strip() : "(end of file)";
	}

	@Test
	void everyAnswerIsDocumentedAndEveryDocumentedAnswerIsGiven() throws Exception {
		ContractChecker contract = new ContractChecker(apiDocs.body());
		try (FakeWorker results = new FakeWorker(broker.bootstrapServers(), Topics.RESULTS)) {
			List<String> queued = submissions(contract);
			String succeeded = succeededQuery(contract, results);
			statuses(contract, queued.get(0), succeeded);
			events(contract, queued.get(0), succeeded);
			cancels(contract, queued.get(0), succeeded);
			listings(contract);
			queueFull(contract);
			kafkaDown(contract, queued.get(1));
		}

		Set<String> missing = new TreeSet<>(contract.documented());
		missing.removeAll(contract.seen());
		missing.removeAll(NOT_BROUGHT_ABOUT.keySet());
		assertThat(missing)
			.as("documented answers this test never brought about; bring each about, or name it in "
					+ "NOT_BROUGHT_ABOUT with the reason it cannot be:%s", ContractChecker.describe(missing))
			.isEmpty();
		assertThat(contract.documented()).as("NOT_BROUGHT_ABOUT names only documented answers")
			.containsAll(NOT_BROUGHT_ABOUT.keySet());
	}

	/**
	 * @return the ids of two queries left QUEUED
	 */
	private static List<String> submissions(ContractChecker contract) {
		String submit = "POST /v1/queries";
		HttpResponse<String> accepted = post(SUBMISSION.formatted(1), "Authorization", FULL);
		check(contract, submit, accepted, 202);
		check(contract, submit,
				post("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 0}}", "Authorization", FULL), 400);
		check(contract, submit, post(SUBMISSION.formatted(2)), 401);
		check(contract, submit,
				post("{\"query\": \"customer_orders\", \"params\": {\"customerId\": 3}}", "Authorization", SCOPED),
				403);
		check(contract, submit,
				Http.send(Http.request(ingress.uri("/v1/queries"), "Authorization", FULL, "Content-Type", "text/plain")
					.POST(HttpRequest.BodyPublishers.ofString(SUBMISSION.formatted(4)))
					.build()),
				415);
		check(contract, submit, post(SUBMISSION.formatted(7), "Authorization", THROTTLED), 202);
		check(contract, submit, post(SUBMISSION.formatted(8), "Authorization", THROTTLED), 429);
		HttpResponse<String> keyed = post(SUBMISSION.formatted(5), "Authorization", FULL, "Idempotency-Key", "reused");
		check(contract, submit, keyed, 202);
		check(contract, submit, post("{\"query\": \"customer_orders\", \"params\": {\"customerId\": 5}}",
				"Authorization", FULL, "Idempotency-Key", "reused"), 422);
		return List.of(Http.json(accepted).get("id").asString(), Http.json(keyed).get("id").asString());
	}

	/**
	 * @return the id of a query that SUCCEEDED, after a replayed submission of it
	 * answered 200
	 */
	private static String succeededQuery(ContractChecker contract, FakeWorker results) {
		String body = SUBMISSION.formatted(6);
		HttpResponse<String> accepted = post(body, "Authorization", FULL, "Idempotency-Key", "succeeds");
		String id = Http.json(accepted).get("id").asString();
		results.succeed(results.awaitRecord(id, QueryStatus.class).value());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Http.json(Http.get(ingress.uri("/v1/queries/" + id), "Authorization", FULL))
				.get("state")
				.asString(), "SUCCEEDED"::equals);

		HttpResponse<String> replayed = post(body, "Authorization", FULL, "Idempotency-Key", "succeeds", "Prefer",
				"wait=1");
		check(contract, "POST /v1/queries", replayed, 200);
		assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		return id;
	}

	private static void statuses(ContractChecker contract, String queued, String succeeded) {
		String status = "GET /v1/queries/{id}";
		HttpResponse<String> poll = Http.get(ingress.uri("/v1/queries/" + queued), "Authorization", FULL);
		check(contract, status, poll, 200);
		assertThat(poll.headers().firstValue("Retry-After")).hasValue("1");
		HttpResponse<String> longPoll = Http.get(ingress.uri("/v1/queries/" + succeeded), "Authorization", FULL,
				"Prefer", "wait=2");
		check(contract, status, longPoll, 200);
		assertThat(longPoll.headers().firstValue("Preference-Applied")).hasValue("wait=2");
		check(contract, status, Http.get(ingress.uri("/v1/queries/" + queued)), 401);
		check(contract, status,
				Http.get(ingress.uri("/v1/queries/q_01JD7Q8M3K0000000000000000"), "Authorization", FULL), 404);
	}

	private static void events(ContractChecker contract, String queued, String succeeded) throws Exception {
		String events = "GET /v1/queries/{id}/events";
		HttpResponse<InputStream> stream = Http.client()
			.send(Http
				.request(ingress.uri("/v1/queries/" + queued + "/events"), "Authorization", FULL, "Accept",
						"text/event-stream")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			assertThat(reader.readLine()).isEqualTo("event:QUEUED");
			assertThat(reader.readLine()).isEqualTo("id:QUEUED");
			String data = reader.readLine();
			assertThat(data).startsWith("data:");
			contract.check(events, stream.statusCode(), stream.headers(), data.substring("data:".length()));
		}
		HttpResponse<String> ended = Http.get(ingress.uri("/v1/queries/" + succeeded + "/events"), "Authorization",
				FULL, "Last-Event-ID", "SUCCEEDED");
		check(contract, events, ended, 204);
		check(contract, events, Http.get(ingress.uri("/v1/queries/" + queued + "/events")), 401);
		check(contract, events, Http.get(ingress.uri("/v1/queries/" + queued + "/events"), "Authorization", FULL,
				"Accept", "application/json"), 406);
		check(contract, events,
				Http.get(ingress.uri("/v1/queries/q_01JD7Q8M3K0000000000000000/events"), "Authorization", FULL), 404);
	}

	private static void cancels(ContractChecker contract, String queued, String succeeded) {
		String cancel = "DELETE /v1/queries/{id}";
		HttpResponse<String> canceled = Http.delete(ingress.uri("/v1/queries/" + queued), "Authorization", FULL);
		check(contract, cancel, canceled, 202);
		assertThat(Http.json(canceled).get("state").asString()).isEqualTo("CANCELED");
		check(contract, cancel, Http.delete(ingress.uri("/v1/queries/" + succeeded), "Authorization", FULL), 409);
		check(contract, cancel,
				Http.delete(ingress.uri("/v1/queries/q_01JD7Q8M3K0000000000000000"), "Authorization", FULL), 404);
		check(contract, cancel, Http.delete(ingress.uri("/v1/queries/" + queued)), 401);
	}

	private static void listings(ContractChecker contract) {
		check(contract, "GET /v1/catalog", Http.get(ingress.uri("/v1/catalog"), "Authorization", SCOPED), 200);
		check(contract, "GET /v1/catalog", Http.get(ingress.uri("/v1/catalog")), 401);
		check(contract, "GET /v1/console/series", Http.get(ingress.uri("/v1/console/series"), "Authorization", FULL),
				200);
		check(contract, "GET /v1/console/series", Http.get(ingress.uri("/v1/console/series")), 401);
	}

	/** A worker that holds the partitions and never commits: the backlog stays. */
	private static void queueFull(ContractChecker contract) {
		try (KafkaConsumer<byte[], byte[]> worker = WorkerGroupMember.create(broker.bootstrapServers(),
				"sluice-worker_conformance-0")) {
			worker.subscribe(List.of(Topics.QUERIES));
			HttpResponse<String> refused = await().atMost(Duration.ofSeconds(30)).until(() -> {
				worker.poll(Duration.ofMillis(100));
				return post(SUBMISSION.formatted(7), "Authorization", FULL);
			}, (response) -> response.statusCode() == 503);
			check(contract, "POST /v1/queries", refused, 503);
			assertThat(Http.json(refused).get("type").asString()).isEqualTo("urn:sluice:problem:queue-full");
		}
	}

	/**
	 * Lookups of ids the view does not know wait for Kafka, and a cancel must write to
	 * it.
	 * @param queued a query still queued
	 */
	private static void kafkaDown(ContractChecker contract, String queued) {
		broker.stop();
		String unknown = "/v1/queries/q_01JD7Q8M3K0000000000000009";
		check(contract, "GET /v1/queries/{id}", Http.get(ingress.uri(unknown), "Authorization", FULL), 503);
		check(contract, "GET /v1/queries/{id}/events",
				Http.get(ingress.uri(unknown + "/events"), "Authorization", FULL), 503);
		check(contract, "DELETE /v1/queries/{id}",
				Http.delete(ingress.uri("/v1/queries/" + queued), "Authorization", FULL), 503);
	}

	private static HttpResponse<String> post(String body, String... headers) {
		return Http.post(ingress.uri("/v1/queries"), body, headers);
	}

	private static void check(ContractChecker contract, String operation, HttpResponse<String> response, int expected) {
		assertThat(response.statusCode()).as("%s: %s", operation, response.body()).isEqualTo(expected);
		contract.check(operation, response.statusCode(), response.headers(), response.body());
	}

	/** {@code docs/} of the repository, found from where this class was compiled. */
	private static Path repositoryDocs() throws URISyntaxException {
		Path testClasses = Path
			.of(OpenApiConformanceIT.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Path docs = testClasses.getParent().getParent().resolveSibling("docs");
		assertThat(docs).as("the repository's docs folder").isDirectory();
		return docs;
	}

}
