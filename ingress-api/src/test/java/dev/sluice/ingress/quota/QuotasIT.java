package dev.sluice.ingress.quota;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.Topics;
import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.ingress.support.FakeWorker;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.RunningIngress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.sluice.ingress.support.KeysFiles.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-client quotas on two running ingress replicas against a real broker, with no
 * worker: what is queued stays queued unless the test ends it.
 */
class QuotasIT {

	private static final String SUBMISSION = "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": %d}}";

	private static final AtomicInteger customers = new AtomicInteger();

	private static KafkaBroker broker;

	private static Path keysFile;

	private static RunningIngress first;

	private static RunningIngress second;

	private static FakeWorker results;

	@BeforeAll
	static void start() throws IOException {
		broker = KafkaBroker.temporary().start();
		keysFile = Files.createTempFile("sluice-keys", ".yml");
		Files.writeString(keysFile, """
				clients:
				  metered:
				    keys: [%s]
				    quota: { rate: 2, burst: 3 }
				  capped:
				    keys: [%s]
				    quota: { rate: 1000, burst: 1000, maxInFlight: 3 }
				  shared-rate:
				    keys: [%s]
				    quota: { rate: 5, burst: 10 }
				  shared-cap:
				    keys: [%s]
				    quota: { rate: 1000, burst: 1000, maxInFlight: 5 }
				  retrying:
				    keys: [%s]
				    quota: { rate: 1000, burst: 1000, maxInFlight: 2 }
				""".formatted(sha256("metered-key"), sha256("capped-key"), sha256("shared-rate-key"),
				sha256("shared-cap-key"), sha256("retrying-key")));
		first = RunningIngress.start(broker.bootstrapServers(), "sluice.security.mode=keys",
				"sluice.security.keys=" + keysFile);
		second = RunningIngress.start(broker.bootstrapServers(), "sluice.security.mode=keys",
				"sluice.security.keys=" + keysFile);
		results = new FakeWorker(broker.bootstrapServers(), Topics.RESULTS);
	}

	@AfterAll
	static void stop() throws IOException {
		results.close();
		second.close();
		first.close();
		broker.close();
		Files.deleteIfExists(keysFile);
	}

	@Test
	void aClientOverItsRateGetsA429ThatSaysWhenToComeBack() {
		List<HttpResponse<String>> answers = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			answers.add(submit(first, "metered-key"));
		}

		assertThat(answers.subList(0, 3)).allSatisfy((answer) -> assertThat(answer.statusCode()).isEqualTo(202));
		assertThat(answers.get(0).headers().firstValue("RateLimit-Policy"))
			.hasValue("\"rate\";q=3;w=2, \"in-flight\";q=500;qu=\"concurrent-requests\"");
		assertThat(answers.get(0).headers().firstValue("RateLimit")).get().asString().startsWith("\"rate\";r=2;t=");
		HttpResponse<String> refused = answers.get(3);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(refused.headers().firstValue("RateLimit")).get().asString().startsWith("\"rate\";r=0;t=1");
		assertThat(Http.json(refused).get("type").asString()).isEqualTo("urn:sluice:problem:rate-limited");
		assertThat(Http.json(refused).get("detail").asString()).contains("'metered'", "2 queries per second");
		assertThat(Http.get(first.uri("/actuator/prometheus")).body())
			.containsPattern("sluice_client_submissions_total\\{[^}]*client=\"metered\",outcome=\"rate_limited\"} 1.0")
			.containsPattern("sluice_client_submissions_total\\{[^}]*client=\"metered\",outcome=\"accepted\"} 3.0");
		await("a token back after Retry-After").atMost(Duration.ofSeconds(3))
			.until(() -> submit(first, "metered-key").statusCode() == 202);
	}

	@Test
	void aClientWithAllItsPlacesTakenGetsA429UntilOneOfItsQueriesEnds() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> accepted = submit(first, "capped-key");
			assertThat(accepted.statusCode()).isEqualTo(202);
			ids.add(Http.json(accepted).get("id").asString());
		}

		HttpResponse<String> refused = submit(first, "capped-key");

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(Http.json(refused).get("type").asString()).isEqualTo("urn:sluice:problem:too-many-in-flight");
		assertThat(refused.headers().firstValue("RateLimit").orElseThrow()).contains("\"in-flight\";r=0;t=");
		assertThat(Http.get(first.uri("/actuator/prometheus")).body())
			.containsPattern("sluice_client_queries\\{[^}]*client=\"capped\",state=\"queued\"} 3.0");
		results.succeed(results.awaitRecord(ids.get(0), QueryStatus.class).value());
		await("a place freed by the end of a query").atMost(Duration.ofSeconds(5))
			.until(() -> submit(first, "capped-key").statusCode() == 202);
	}

	@Test
	void twoReplicasHoldOneRateBetweenThem() throws Exception {
		int threads = 4;
		long seconds = 4;
		AtomicInteger accepted = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
		long began = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			List<Future<?>> senders = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				RunningIngress replica = (t % 2 == 0) ? first : second;
				senders.add(pool.submit(() -> {
					while (System.nanoTime() < end) {
						int code = submit(replica, "shared-rate-key").statusCode();
						(code == 202 ? accepted : refused).incrementAndGet();
						assertThat(code).isIn(202, 429);
					}
				}));
			}
			for (Future<?> sender : senders) {
				sender.get();
			}
		}
		double elapsed = (System.nanoTime() - began) / 1e9;
		double allowed = 10 + 5 * elapsed;
		System.out.printf(
				"Two replicas, one quota of 5/s, burst 10, over %.2f s: %d accepted, %d refused (429); "
						+ "one replica alone would allow %.1f: error %+.1f %%%n",
				elapsed, accepted.get(), refused.get(), allowed, 100 * (accepted.get() - allowed) / allowed);

		assertThat(refused.get()).isPositive();
		assertThat(accepted.get()).as("at most a burst per replica plus the rate")
			.isLessThanOrEqualTo((int) Math.ceil(2 * 10 + 5 * elapsed));
		assertThat(accepted.get()).as("at least one burst plus most of the rate")
			.isGreaterThanOrEqualTo((int) Math.floor(10 + 0.8 * 5 * (elapsed - 1)));
	}

	@Test
	void aReplicaCountsTheQueriesInFlightThatTheOtherAccepted() {
		for (int i = 0; i < 5; i++) {
			assertThat(submit(first, "shared-cap-key").statusCode()).isEqualTo(202);
		}
		await("the other replica to see them").atMost(Duration.ofSeconds(5))
			.until(() -> Http.get(second.uri("/actuator/prometheus"))
				.body()
				.matches("(?s).*sluice_client_queries\\{[^}]*client=\"shared-cap\",state=\"queued\"} 5.0.*"));

		HttpResponse<String> refused = submit(second, "shared-cap-key");

		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(Http.json(refused).get("detail").asString()).contains("has 5 queries queued or running");
	}

	@Test
	void aRetryOfAQueuedQueryIsAnsweredFromItAtTheCapWhileANewKeyIsRefused() {
		List<String> ids = new ArrayList<>();
		for (String key : List.of("retry-1", "retry-2")) {
			HttpResponse<String> accepted = submit(first, "retrying-key", key);
			assertThat(accepted.statusCode()).isEqualTo(202);
			ids.add(Http.json(accepted).get("id").asString());
		}
		await("the other replica to see them").atMost(Duration.ofSeconds(5))
			.until(() -> Http.get(second.uri("/actuator/prometheus"))
				.body()
				.matches("(?s).*sluice_client_queries\\{[^}]*client=\"retrying\",state=\"queued\"} 2.0.*"));

		HttpResponse<String> retried = submit(first, "retrying-key", "retry-1");
		HttpResponse<String> retriedElsewhere = submit(second, "retrying-key", "retry-2");
		HttpResponse<String> refused = submit(second, "retrying-key", "retry-3");

		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
		assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(Http.json(retried).get("id").asString()).isEqualTo(ids.get(0));
		assertThat(retriedElsewhere.statusCode()).as(retriedElsewhere.body()).isEqualTo(202);
		assertThat(Http.json(retriedElsewhere).get("id").asString()).isEqualTo(ids.get(1));
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(Http.json(refused).get("type").asString()).isEqualTo("urn:sluice:problem:too-many-in-flight");
	}

	private static HttpResponse<String> submit(RunningIngress ingress, String key, String idempotencyKey) {
		return Http.post(ingress.uri("/v1/queries"), SUBMISSION.formatted(customers.incrementAndGet()), "Authorization",
				"Bearer " + key, "Idempotency-Key", idempotencyKey);
	}

	private static HttpResponse<String> submit(RunningIngress ingress, String key) {
		return Http.post(ingress.uri("/v1/queries"), SUBMISSION.formatted(customers.incrementAndGet()), "Authorization",
				"Bearer " + key);
	}

}
