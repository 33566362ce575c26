package dev.sluice.ingress.queue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sluice.contract.Topics;
import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.ingress.support.Http;
import dev.sluice.ingress.support.RunningIngress;
import dev.sluice.ingress.support.WorkerGroupMember;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The backlog gauges and submission counters as Prometheus scrapes them, with the test
 * playing a worker that joins the group and commits.
 */
class QueueMetricsIT {

	private static KafkaBroker broker;

	private static RunningIngress ingress;

	@BeforeAll
	static void start() {
		broker = KafkaBroker.temporary().start();
		ingress = RunningIngress.start(broker.bootstrapServers(), "sluice.queue.interval=500ms");
	}

	@AfterAll
	static void stop() {
		ingress.close();
		broker.close();
	}

	@Test
	void backlogIsMeasuredWithoutWorkersAndDrainsWhenTheGroupCommits() {
		for (int i = 0; i < 3; i++) {
			assertThat(Http
				.post(ingress.uri("/v1/queries"),
						"{\"query\": \"customer_by_id\", \"params\": {\"customerId\": " + (i + 1) + "}}")
				.statusCode()).isEqualTo(202);
		}
		assertThat(Http.post(ingress.uri("/v1/queries"), "{\"query\": \"nope\"}").statusCode()).isEqualTo(400);

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(gauge("sluice_queue_depth")).isEqualTo(3.0);
			assertThat(gauge("sluice_queue_lag_seconds")).isGreaterThan(0.0);
			assertThat(gauge("sluice_workers_consuming")).isEqualTo(0.0);
		});
		String scrape = Http.get(ingress.uri("/actuator/prometheus")).body();
		assertThat(scrape).containsPattern(
				"sluice_submissions_total\\{application=\"sluice-ingress\",outcome=\"accepted\",query=\"customer_by_id\",reason=\"ok\"} 3.0");
		assertThat(scrape).containsPattern(
				"sluice_submissions_total\\{application=\"sluice-ingress\",outcome=\"rejected\",query=\"unknown\",reason=\"unknown_query\"} 1.0");

		// One worker process runs two consumers, client ids <worker id>-0 and -1: it
		// counts once.
		try (KafkaConsumer<byte[], byte[]> first = WorkerGroupMember.create(broker.bootstrapServers(),
				"sluice-worker_host_42-0");
				KafkaConsumer<byte[], byte[]> second = WorkerGroupMember.create(broker.bootstrapServers(),
						"sluice-worker_host_42-1")) {
			List<KafkaConsumer<byte[], byte[]>> consumers = List.of(first, second);
			consumers.forEach((consumer) -> consumer.subscribe(List.of(Topics.QUERIES)));
			int[] drained = new int[1];
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (KafkaConsumer<byte[], byte[]> consumer : consumers) {
					drained[0] += consumer.poll(Duration.ofMillis(200)).count();
					consumer.commitSync();
				}
				return drained[0] == 3 && consumers.stream().noneMatch((c) -> c.assignment().isEmpty());
			});

			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				consumers.forEach((consumer) -> consumer.poll(Duration.ofMillis(50)));
				assertThat(gauge("sluice_queue_depth")).isEqualTo(0.0);
				assertThat(gauge("sluice_queue_lag_seconds")).isEqualTo(0.0);
				assertThat(gauge("sluice_workers_consuming")).isEqualTo(1.0);
			});
		}
	}

	private static double gauge(String name) {
		String scrape = Http.get(ingress.uri("/actuator/prometheus")).body();
		Matcher matcher = Pattern.compile("(?m)^" + name + "\\{application=\"sluice-ingress\"} (\\S+)$")
			.matcher(scrape);
		assertThat(matcher.find()).as(name + " in\n" + scrape).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

}
