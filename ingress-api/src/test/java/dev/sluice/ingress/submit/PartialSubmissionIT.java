package dev.sluice.ingress.submit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.Topics;
import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.ingress.QueryIds;
import dev.sluice.ingress.support.FakeWorker;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.RunningIngress;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A submission of which Kafka takes only one of the two records: the broker refuses
 * records above a topic's {@code max.message.bytes}, so shrinking it for one topic makes
 * exactly that record fail.
 */
class PartialSubmissionIT {

	private static final String BODY = "{\"query\": \"customer_by_id\", \"params\": {\"customerId\": 1}}";

	private static final String TINY = "100";

	private static final String LARGE = "16777216";

	private static KafkaBroker broker;

	private static Admin admin;

	private static RunningIngress ingress;

	private static FakeWorker queries;

	private static FakeWorker results;

	@BeforeAll
	static void start() throws Exception {
		broker = KafkaBroker.temporary().start();
		admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
		ingress = RunningIngress.start(broker.bootstrapServers());
		queries = new FakeWorker(broker.bootstrapServers(), Topics.QUERIES);
		results = new FakeWorker(broker.bootstrapServers(), Topics.RESULTS);
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { queries, results, ingress, admin, broker }) {
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
	void refusedQueryRecordWithdrawsItsQueuedStatusAndTheKeyQueuesItAgain() throws Exception {
		AtomicInteger attempt = new AtomicInteger();
		AtomicReference<HttpResponse<String>> first = new AtomicReference<>();
		setMaxMessageBytes(Topics.QUERIES, TINY);
		try {
			// A fresh key each time: one the broker took before the new limit applied
			// would already name a query.
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				first.set(Http.post(ingress.uri("/v1/queries"), BODY, "Idempotency-Key",
						"partial-1-" + attempt.incrementAndGet()));
				return first.get().statusCode() == 503;
			});
		}
		catch (RuntimeException | Error ex) {
			setMaxMessageBytes(Topics.QUERIES, LARGE);
			throw ex;
		}
		String key = "partial-1-" + attempt.get();
		String id = QueryIds.forIdempotencyKey(key);
		HttpResponse<String> refused = first.get();

		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
		assertThat(Http.json(refused).get("type").stringValue()).isEqualTo("urn:sluice:problem:kafka-unavailable");
		// QUEUED landed, and was withdrawn before the answer.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<ConsumerRecord<String, byte[]>> written = results.records(id);
			assertThat(written).hasSize(2);
			assertThat(written.get(0).value()).isNotNull();
			assertThat(written.get(1).value()).isNull();
		});
		assertThat(Http.get(ingress.uri("/v1/queries/" + id)).statusCode()).isEqualTo(404);

		setMaxMessageBytes(Topics.QUERIES, LARGE);
		AtomicReference<HttpResponse<String>> retried = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			retried.set(Http.post(ingress.uri("/v1/queries"), BODY, "Idempotency-Key", key));
			return retried.get().statusCode() != 503;
		});
		assertThat(retried.get().statusCode()).isEqualTo(202);
		assertThat(retried.get().headers().firstValue("Idempotent-Replayed")).isEmpty();
		assertThat(Http.json(retried.get()).get("id").stringValue()).isEqualTo(id);
		assertThat(queries.awaitRecord(id, QuerySubmitted.class).key()).isNotNull();
	}

	@Test
	void refusedQueuedStatusAnswersServiceUnavailableThoughTheQueryRuns() throws Exception {
		AtomicInteger attempt = new AtomicInteger();
		AtomicReference<HttpResponse<String>> refused = new AtomicReference<>();
		setMaxMessageBytes(Topics.RESULTS, TINY);
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				refused.set(Http.post(ingress.uri("/v1/queries"), BODY, "Idempotency-Key",
						"partial-2-" + attempt.incrementAndGet()));
				return refused.get().statusCode() == 503;
			});
		}
		finally {
			setMaxMessageBytes(Topics.RESULTS, LARGE);
		}
		String id = QueryIds.forIdempotencyKey("partial-2-" + attempt.get());

		assertThat(Http.json(refused.get()).get("detail").stringValue()).contains(id).contains("will run");
		QuerySubmitted submitted = queries.awaitRecord(id, QuerySubmitted.class).value();
		assertThat(results.records(id)).isEmpty();

		// The worker that takes it makes it visible.
		results.publish(QueryStatus.queued(submitted).running(submitted.submittedAt().plusMillis(5)));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> Http.json(Http.get(ingress.uri("/v1/queries/" + id))).get("state").stringValue(),
					"RUNNING"::equals);
	}

	private static void setMaxMessageBytes(String topic, String bytes) throws Exception {
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
		Collection<AlterConfigOp> set = List.of(new AlterConfigOp(
				new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes), AlterConfigOp.OpType.SET));
		admin.incrementalAlterConfigs(Map.of(resource, set)).all().get(30, TimeUnit.SECONDS);
	}

}
