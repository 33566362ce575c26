package dev.sluice.ingress;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.Column;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryCancelRequested;
import dev.sluice.contract.QueryResult;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.RoutingKey;
import dev.sluice.contract.StatusHead;
import dev.sluice.contract.StatusHeaders;
import dev.sluice.contract.Topics;
import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.ingress.support.AsyncStarts;
import dev.sluice.ingress.support.FakeWorker;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.RunningIngress;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A query's life through one ingress on a real broker, with the test playing the worker.
 */
class QueryLifecycleIT {

	private static KafkaBroker broker;

	private static RunningIngress ingress;

	private static FakeWorker queries;

	private static FakeWorker results;

	private static FakeWorker cancels;

	@BeforeAll
	static void start() {
		broker = KafkaBroker.temporary().start();
		ingress = RunningIngress.start(broker.bootstrapServers(), new Class<?>[] { AsyncStarts.class });
		queries = new FakeWorker(broker.bootstrapServers(), Topics.QUERIES);
		results = new FakeWorker(broker.bootstrapServers(), Topics.RESULTS);
		cancels = new FakeWorker(broker.bootstrapServers(), Topics.CANCELS);
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { queries, results, cancels, ingress, broker }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// Keep closing the rest; the test outcome is already decided.
			}
		}
	}

	@Test
	void submissionIsQueuedWithRoutingKeyAndDeadlineBeforeTheAnswer() {
		Instant before = Instant.now().minusMillis(1);
		HttpResponse<String> response = Http.post(ingress.uri("/v1/queries"),
				"{\"query\": \"customer_orders\", \"params\": {\"customerId\": 42}, \"timeoutMs\": 10000}");

		assertThat(response.statusCode()).isEqualTo(202);
		JsonNode body = Http.json(response);
		String id = body.get("id").stringValue();
		assertThat(id).matches("q_[0-9A-HJKMNP-TV-Z]{26}");
		assertThat(response.headers().firstValue("Location")).hasValue("/v1/queries/" + id);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(body.get("state").stringValue()).isEqualTo("QUEUED");
		assertThat(body.get("query").stringValue()).isEqualTo("customer_orders");
		assertThat(Instant.parse(body.get("submittedAt").stringValue())).isAfter(before);

		FakeWorker.Received<QuerySubmitted> queued = queries.awaitRecord(id, QuerySubmitted.class);
		assertThat(queued.value().params()).containsEntry("customerId", 42).containsEntry("limit", 20);
		assertThat(queued.key()).isEqualTo(RoutingKey.of("customer_orders", queued.value().params()));
		assertThat(Duration.between(queued.value().submittedAt(), queued.value().deadline()))
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(results.awaitRecord(id, QueryStatus.class).value().state()).isEqualTo(QueryState.QUEUED);
	}

	@Test
	void deadlineDefaultsToAndIsCappedByTheCatalogQueueTimeout() {
		String defaulted = submit("{\"query\": \"customer_orders\", \"params\": {\"customerId\": 1}}");
		String capped = submit(
				"{\"query\": \"customer_orders\", \"params\": {\"customerId\": 2}, \"timeoutMs\": 999999999}");

		for (String id : List.of(defaulted, capped)) {
			QuerySubmitted submitted = queries.awaitRecord(id, QuerySubmitted.class).value();
			assertThat(Duration.between(submitted.submittedAt(), submitted.deadline()))
				.isEqualTo(Duration.ofSeconds(30));
		}
	}

	@Test
	void statusIsReadableAndCarriesRetryAfterUntilTerminal() {
		String id = submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 7}}");
		HttpResponse<String> queued = Http.get(ingress.uri("/v1/queries/" + id));
		assertThat(queued.statusCode()).isEqualTo(200);
		assertThat(Http.json(queued).get("state").stringValue()).isEqualTo("QUEUED");
		assertThat(queued.headers().firstValue("Retry-After")).hasValue("1");

		results.succeed(results.awaitRecord(id, QueryStatus.class).value());

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<String> done = Http.get(ingress.uri("/v1/queries/" + id));
			assertThat(Http.json(done).get("state").stringValue()).isEqualTo("SUCCEEDED");
			assertThat(Http.json(done).get("result").get("rows").get(0).get(0).intValue()).isEqualTo(42);
			assertThat(done.headers().firstValue("Retry-After")).isEmpty();
		});
	}

	@Test
	void unknownAndMalformedIdsAreNotFoundProblems() {
		for (String id : List.of("q_01JD7Q8M3K0000000000000000", "nope")) {
			HttpResponse<String> response = Http.get(ingress.uri("/v1/queries/" + id));
			assertThat(response.statusCode()).isEqualTo(404);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(Http.json(response).get("type").stringValue()).isEqualTo("urn:sluice:problem:query-not-found");
		}
	}

	@Test
	void preferWaitAnswersOkWhenTheWorkerFinishesInTime() throws Exception {
		CompletableFuture<HttpResponse<String>> response = Http.client()
			.sendAsync(Http.request(ingress.uri("/v1/queries"), "Prefer", "wait=10", "Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers
					.ofString("{\"query\": \"order_details\", \"params\": {\"orderId\": 5}}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		QuerySubmitted submitted = queries.awaitMatching(QuerySubmitted.class,
				(candidate) -> candidate.query().equals("order_details")
						&& candidate.params().get("orderId").equals(5));
		results.succeed(results.awaitRecord(submitted.id(), QueryStatus.class).value());

		HttpResponse<String> answer = response.get(15, TimeUnit.SECONDS);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(Http.json(answer).get("state").stringValue()).isEqualTo("SUCCEEDED");
		assertThat(answer.headers().firstValue("Preference-Applied")).hasValue("wait=10");
		assertThat(answer.headers().firstValue("Location")).hasValue("/v1/queries/" + submitted.id());
	}

	@Test
	void preferWaitAnswersAcceptedWhenTheWaitRunsOut() {
		long start = System.nanoTime();
		HttpResponse<String> response = Http.post(ingress.uri("/v1/queries"),
				"{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 8}}", "Prefer", "wait=1");

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(Http.json(response).get("state").stringValue()).isEqualTo("QUEUED");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900),
				Duration.ofSeconds(8));
		// The client waited already: it may ask again at once.
		assertThat(response.headers().firstValue("Retry-After")).isEmpty();
		assertThat(response.headers().firstValue("Preference-Applied")).hasValue("wait=1");
	}

	@Test
	void longPollReturnsAsSoonAsTheQueryEnds() throws Exception {
		String id = submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 9}}");
		CompletableFuture<HttpResponse<String>> poll = Http.client()
			.sendAsync(Http.request(ingress.uri("/v1/queries/" + id), "Prefer", "wait=20").GET().build(),
					HttpResponse.BodyHandlers.ofString());
		QueryStatus queued = results.awaitRecord(id, QueryStatus.class).value();
		assertThat(poll).isNotDone();

		results.succeed(queued);
		await("the held poll answered").atMost(Duration.ofSeconds(5)).until(poll::isDone);
		HttpResponse<String> answer = poll.join();

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(Http.json(answer).get("state").stringValue()).isEqualTo("SUCCEEDED");
	}

	@Test
	void longPollAnswersTheCurrentStateWhenTheWaitRunsOut() {
		String id = submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 10}}");

		HttpResponse<String> answer = Http.get(ingress.uri("/v1/queries/" + id), "Prefer", "wait=1");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(Http.json(answer).get("state").stringValue()).isEqualTo("QUEUED");
		assertThat(answer.headers().firstValue("Preference-Applied")).hasValue("wait=1");
		// The client waited already: it may ask again at once.
		assertThat(answer.headers().firstValue("Retry-After")).isEmpty();
	}

	@Test
	void readyAnswersAreWrittenWithoutAnAsyncDispatch() {
		HttpResponse<String> submitted = Http.post(ingress.uri("/v1/queries"),
				"{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 18}}", AsyncStarts.HEADER, "plain-post");
		String id = Http.json(submitted).get("id").stringValue();
		HttpResponse<String> polled = Http.get(ingress.uri("/v1/queries/" + id), AsyncStarts.HEADER, "plain-get");
		HttpResponse<String> longPolled = Http.get(ingress.uri("/v1/queries/" + id), AsyncStarts.HEADER, "long-poll",
				"Prefer", "wait=1");

		assertThat(submitted.statusCode()).isEqualTo(202);
		assertThat(submitted.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(polled.statusCode()).isEqualTo(200);
		assertThat(polled.body()).isEqualTo(submitted.body());
		assertThat(AsyncStarts.started("plain-post")).isFalse();
		assertThat(AsyncStarts.started("plain-get")).isFalse();
		// The probe does see a request that had to wait.
		assertThat(longPolled.statusCode()).isEqualTo(200);
		assertThat(AsyncStarts.started("long-poll")).isTrue();
	}

	@Test
	void statusWithHeadersIsServedByteForByteAsItsValue() throws Exception {
		String id = submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 19}}");
		QueryStatus running = results.awaitRecord(id, QueryStatus.class).value().running(Instant.now());
		QueryStatus succeeded = running.succeeded(Instant.now(), CacheOutcome.HIT,
				new QueryResult(List.of(new Column("id", "int8")), List.of(List.of(19)), 1, false));
		// Bytes that encoding the decoded status again would not give: an unknown field.
		String encoded = new String(EncodedStatus.of(succeeded).json(), StandardCharsets.UTF_8);
		byte[] value = ("{\"servedAsItCame\":true," + encoded.substring(1)).getBytes(StandardCharsets.UTF_8);
		RecordHeaders headers = new RecordHeaders();
		StatusHeaders.write(StatusHead.of(succeeded), headers);
		CompletableFuture<HttpResponse<String>> longPoll = Http.client()
			.sendAsync(Http.request(ingress.uri("/v1/queries/" + id), "Prefer", "wait=20").GET().build(),
					HttpResponse.BodyHandlers.ofString());

		results.send(new ProducerRecord<>(Topics.RESULTS, null, id, value, headers));

		String expected = new String(value, StandardCharsets.UTF_8);
		assertThat(longPoll.get(15, TimeUnit.SECONDS).body()).isEqualTo(expected);
		HttpResponse<String> polled = Http.get(ingress.uri("/v1/queries/" + id));
		assertThat(polled.body()).isEqualTo(expected);
		assertThat(polled.headers().firstValue("Content-Type")).hasValue("application/json");
		HttpResponse<java.io.InputStream> stream = Http.client()
			.send(Http.request(ingress.uri("/v1/queries/" + id + "/events")).GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
		assertThat(readAll(stream)).filteredOn((line) -> line.startsWith("data:")).containsExactly("data:" + expected);
	}

	@Test
	void statusWithoutHeadersIsStillServedAsItsValue() {
		String id = submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 20}}");
		QueryStatus running = results.awaitRecord(id, QueryStatus.class).value().running(Instant.now());
		QueryStatus succeeded = running.succeeded(Instant.now(), CacheOutcome.MISS,
				new QueryResult(List.of(new Column("id", "int8")), List.of(List.of(20)), 1, false));

		results.publishWithoutHeaders(running);
		results.publishWithoutHeaders(succeeded);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<String> done = Http.get(ingress.uri("/v1/queries/" + id));
			assertThat(done.body()).isEqualTo(new String(JsonCodec.encode(succeeded), StandardCharsets.UTF_8));
			assertThat(Http.json(done).get("result").get("rows").get(0).get(0).intValue()).isEqualTo(20);
		});
	}

	@Test
	void eventStreamSendsEachStateInOrderAndEndsWithTheTerminalOne() throws Exception {
		String id = submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 11}}");
		HttpResponse<java.io.InputStream> stream = Http.client()
			.send(Http.request(ingress.uri("/v1/queries/" + id + "/events"), "Accept", "text/event-stream")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		CompletableFuture<List<String>> lines = CompletableFuture.supplyAsync(() -> readAll(stream));

		results.succeed(results.awaitRecord(id, QueryStatus.class).value());

		List<String> received = lines.get(15, TimeUnit.SECONDS);
		assertThat(received).filteredOn((line) -> line.startsWith("event:"))
			.containsExactly("event:QUEUED", "event:RUNNING", "event:SUCCEEDED");
		assertThat(received).filteredOn((line) -> line.startsWith("id:"))
			.containsExactly("id:QUEUED", "id:RUNNING", "id:SUCCEEDED");
		List<String> data = received.stream().filter((line) -> line.startsWith("data:")).toList();
		assertThat(data).hasSize(3);
		QueryStatus last = JsonCodec.decode(data.get(2).substring(5).getBytes(StandardCharsets.UTF_8),
				QueryStatus.class);
		assertThat(last.id()).isEqualTo(id);
		assertThat(last.state()).isEqualTo(QueryState.SUCCEEDED);
	}

	@Test
	void eventStreamResumesAfterLastEventIdAndStopsReconnectsOnceTerminal() throws Exception {
		String id = submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 12}}");
		QueryStatus queued = results.awaitRecord(id, QueryStatus.class).value();
		results.succeed(queued);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Http.json(Http.get(ingress.uri("/v1/queries/" + id))).get("state").stringValue(),
					"SUCCEEDED"::equals);

		HttpResponse<java.io.InputStream> resumed = Http.client()
			.send(Http.request(ingress.uri("/v1/queries/" + id + "/events"), "Last-Event-ID", "QUEUED").GET().build(),
					HttpResponse.BodyHandlers.ofInputStream());
		assertThat(readAll(resumed)).filteredOn((line) -> line.startsWith("event:")).containsExactly("event:SUCCEEDED");

		HttpResponse<String> finished = Http.get(ingress.uri("/v1/queries/" + id + "/events"), "Last-Event-ID",
				"SUCCEEDED");
		assertThat(finished.statusCode()).isEqualTo(204);
	}

	@Test
	void eventStreamOfAnUnknownIdIsNotFound() {
		HttpResponse<String> response = Http.get(ingress.uri("/v1/queries/q_01JD7Q8M3K0000000000000001/events"),
				"Accept", "text/event-stream");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void cancelOfAQueuedQueryEndsItCanceledAndTellsTheWorkers() {
		String id = submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 13}}");

		HttpResponse<String> response = Http.delete(ingress.uri("/v1/queries/" + id));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(Http.json(response).get("state").stringValue()).isEqualTo("CANCELED");
		assertThat(Http.json(response).get("error").get("code").stringValue()).isEqualTo("CANCELED");
		assertThat(cancels.awaitRecord(id, QueryCancelRequested.class).key()).isEqualTo(id);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> results.all(id, QueryStatus.class)
				.stream()
				.anyMatch((record) -> record.value().state() == QueryState.CANCELED));
	}

	@Test
	void cancelOfARunningQueryOnlyRequestsIt() {
		String id = submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 14}}");
		QueryStatus running = results.awaitRecord(id, QueryStatus.class).value().running(Instant.now());
		results.publish(running);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Http.json(Http.get(ingress.uri("/v1/queries/" + id))).get("state").stringValue(),
					"RUNNING"::equals);

		HttpResponse<String> response = Http.delete(ingress.uri("/v1/queries/" + id));

		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(Http.json(response).get("state").stringValue()).isEqualTo("RUNNING");
		assertThat(cancels.awaitRecord(id, QueryCancelRequested.class).value().id()).isEqualTo(id);
	}

	@Test
	void cancelOfAnEndedQueryIsAConflict() {
		String id = submit("{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 15}}");
		results.succeed(results.awaitRecord(id, QueryStatus.class).value());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Http.json(Http.get(ingress.uri("/v1/queries/" + id))).get("state").stringValue(),
					"SUCCEEDED"::equals);

		HttpResponse<String> response = Http.delete(ingress.uri("/v1/queries/" + id));

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(Http.json(response).get("type").stringValue()).isEqualTo("urn:sluice:problem:query-already-ended");
		assertThat(Http.delete(ingress.uri("/v1/queries/q_01JD7Q8M3K0000000000000002")).statusCode()).isEqualTo(404);
	}

	@Test
	void idempotencyKeyReturnsTheSameIdAndQueuesOnce() {
		String body = "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 16}}";
		HttpResponse<String> first = Http.post(ingress.uri("/v1/queries"), body, "Idempotency-Key", "order-16");
		HttpResponse<String> second = Http.post(ingress.uri("/v1/queries"), body, "Idempotency-Key", "order-16");

		String id = Http.json(first).get("id").stringValue();
		assertThat(id).isEqualTo(QueryIds.forIdempotencyKey("order-16"));
		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(second.statusCode()).isEqualTo(202);
		assertThat(Http.json(second).get("id").stringValue()).isEqualTo(id);
		assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		queries.awaitRecord(id, QuerySubmitted.class);
		assertThat(queries.all(id, QuerySubmitted.class)).hasSize(1);

		HttpResponse<String> otherQuery = Http.post(ingress.uri("/v1/queries"),
				"{\"query\": \"order_details\", \"params\": {\"orderId\": 16}}", "Idempotency-Key", "order-16");
		assertThat(otherQuery.statusCode()).isEqualTo(422);
	}

	@Test
	void everyInvalidFieldIsNamedInABadRequestProblem() {
		String[][] cases = { { "{\"query\": \"nope\"}", "query" }, { "{\"params\": {}}", "query" },
				{ "{\"query\": \"customer_orders\", \"params\": {}}", "params.customerId" },
				{ "{\"query\": \"customer_orders\", \"params\": {\"customerId\": 1, \"x\": 1}}", "params.x" },
				{ "{\"query\": \"customer_orders\", \"params\": {\"customerId\": \"a\"}}", "params.customerId" },
				{ "{\"query\": \"customer_orders\", \"params\": {\"customerId\": 1, \"limit\": 501}}", "params.limit" },
				{ "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 1}, \"timeoutMs\": 0}", "timeoutMs" },
				{ "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 1}, \"sql\": \"x\"}", "sql" },
				{ "{\"query\": ", "body" }, { "[1]", "body" } };
		for (String[] invalid : cases) {
			HttpResponse<String> response = Http.post(ingress.uri("/v1/queries"), invalid[0]);
			assertThat(response.statusCode()).as(invalid[0]).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			JsonNode problem = Http.json(response);
			assertThat(problem.get("type").stringValue()).isEqualTo("urn:sluice:problem:invalid-submission");
			assertThat(problem.get("status").intValue()).isEqualTo(400);
			assertThat(problem.get("errors").valueStream().map((error) -> error.get("field").stringValue()))
				.as(invalid[0])
				.contains(invalid[1]);
		}
	}

	@Test
	void errorsTheContainerAnswersBeforeSpringAreProblemsToo() {
		for (String path : List.of("/v1/queries/%00", "/v1/queries/%2e%2e%2fcatalog",
				"/v1/queries/..%2F..%2Factuator")) {
			HttpResponse<String> response = Http.get(ingress.uri(path));
			assertThat(response.statusCode()).as(path).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(Http.json(response).get("status").intValue()).isEqualTo(400);
			assertThat(Http.json(response).get("type").stringValue()).isEqualTo("urn:sluice:problem:bad-request");
		}
		HttpResponse<String> hugeHeader = Http.get(ingress.uri("/v1/catalog"), "X-Pad", "x".repeat(20_000));
		assertThat(hugeHeader.statusCode()).isEqualTo(400);
		assertThat(hugeHeader.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void oversizedAndNonJsonBodiesAreRefusedAsProblems() {
		String huge = "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 1}, \"pad\": \""
				+ "x".repeat(70 * 1024) + "\"}";
		HttpResponse<String> tooLarge = Http.post(ingress.uri("/v1/queries"), huge);
		assertThat(tooLarge.statusCode()).isEqualTo(400);
		assertThat(Http.json(tooLarge).get("errors").get(0).get("field").stringValue()).isEqualTo("body");

		HttpResponse<String> text = Http.send(Http.request(ingress.uri("/v1/queries"), "Content-Type", "text/plain")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("hello"))
			.build());
		assertThat(text.statusCode()).isEqualTo(415);
		assertThat(text.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		HttpResponse<String> unknownRoute = Http.get(ingress.uri("/v1/nothing-here"));
		assertThat(unknownRoute.statusCode()).isEqualTo(404);
		assertThat(Http.json(unknownRoute).get("status").intValue()).isEqualTo(404);

		HttpResponse<String> wrongMethod = Http.send(Http.request(ingress.uri("/v1/catalog"))
			.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
			.build());
		assertThat(wrongMethod.statusCode()).isEqualTo(405);
		assertThat(wrongMethod.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));

		HttpResponse<String> notAcceptable = Http.get(ingress.uri("/v1/catalog"), "Accept", "text/csv");
		assertThat(notAcceptable.statusCode()).isEqualTo(406);
	}

	@Test
	void catalogListsQueriesWithoutTheirSql() {
		HttpResponse<String> response = Http.get(ingress.uri("/v1/catalog"));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode orders = Http.json(response)
			.get("queries")
			.valueStream()
			.filter((query) -> query.get("name").stringValue().equals("customer_orders"))
			.findFirst()
			.orElseThrow();
		assertThat(orders.get("params").get("customerId").get("type").stringValue()).isEqualTo("long");
		assertThat(orders.get("params").get("limit").get("default").intValue()).isEqualTo(20);
		assertThat(orders.get("queueTimeout").stringValue()).isEqualTo("PT30S");
		assertThat(orders.get("maxRows").intValue()).isEqualTo(500);
		assertThat(orders.get("maxBytes").longValue()).isEqualTo(8L * 1024 * 1024);
		assertThat(response.body()).doesNotContain("select");
	}

	@Test
	void concurrentSubmissionsWithOneIdempotencyKeyQueueOnce() throws Exception {
		String body = "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 17}}";
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			responses.add(Http.client()
				.sendAsync(Http
					.request(ingress.uri("/v1/queries"), "Idempotency-Key", "burst-17", "Content-Type",
							"application/json")
					.POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
					.build(), HttpResponse.BodyHandlers.ofString()));
		}
		String id = QueryIds.forIdempotencyKey("burst-17");
		for (CompletableFuture<HttpResponse<String>> response : responses) {
			HttpResponse<String> answer = response.get(20, TimeUnit.SECONDS);
			assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
			assertThat(Http.json(answer).get("id").stringValue()).isEqualTo(id);
		}
		assertThat(responses)
			.filteredOn((response) -> response.join().headers().firstValue("Idempotent-Replayed").isEmpty())
			.hasSize(1);
		queries.awaitRecord(id, QuerySubmitted.class);
		assertThat(queries.all(id, QuerySubmitted.class)).hasSize(1);
	}

	private static String submit(String body) {
		HttpResponse<String> response = Http.post(ingress.uri("/v1/queries"), body);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		return Http.json(response).get("id").stringValue();
	}

	private static List<String> readAll(HttpResponse<java.io.InputStream> stream) {
		List<String> lines = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				lines.add(line);
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return lines;
	}

}
