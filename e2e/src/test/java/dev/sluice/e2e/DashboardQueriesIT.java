package dev.sluice.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.sluice.contract.Topics;
import dev.sluice.e2e.SluiceClient.Response;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import dev.sluice.contract.JsonCodec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every query of every Grafana panel, evaluated by a real Prometheus that scrapes a real
 * ingress and worker and runs {@code dashboards/rules}: none may fail and none may come
 * back empty. Series that exist only after an event (a rejection, a failure, a dead
 * letter, a refused submission while Kafka is down) get their event here; nothing is
 * exempt.
 */
class DashboardQueriesIT {

	private static final Logger logger = LoggerFactory.getLogger(DashboardQueriesIT.class);

	private static final Path LOGS = Path.of("target", "e2e-logs");

	private static final Path DASHBOARDS = BuiltApps.repository().resolve("dashboards/grafana/dashboards");

	/** The value of the drill-down's {@code $query} variable. */
	private static final String QUERY = ConsoleStack.ITEM;

	private static ConsoleStack stack;

	private static DashboardPrometheus prometheus;

	@BeforeAll
	static void start() throws Exception {
		assertThat(DashboardPrometheus.BINARY)
			.as("Debian's prometheus package is needed (apt-get install -y prometheus; leave its service stopped)")
			.isExecutable();
		stack = ConsoleStack.start("dashboards", LOGS);
		prometheus = DashboardPrometheus.start(stack.ingress(), stack.worker(), LOGS);
	}

	@AfterAll
	static void stop() {
		if (prometheus != null) {
			prometheus.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void everyPanelQueryReturnsSeries() throws Exception {
		List<PanelQuery> queries = panelQueries();
		assertThat(queries).as("panel queries in " + DASHBOARDS).hasSizeGreaterThan(10);

		refuseASubmissionWhileKafkaIsDown();
		driveTraffic();

		Map<PanelQuery, String> outcomes = new LinkedHashMap<>();
		try {
			await("every panel query has series").atMost(Duration.ofSeconds(150))
				.pollInterval(Duration.ofSeconds(3))
				.until(() -> evaluate(queries, outcomes).values()
					.stream()
					.allMatch((outcome) -> outcome.endsWith(" series") && !outcome.startsWith("0 ")));
		}
		catch (ConditionTimeoutException ex) {
			// The failure message below lists every query that is still empty or refused.
		}
		List<String> offered = new ArrayList<>();
		prometheus.query("sluice_submissions_total{outcome=\"accepted\"}")
			.forEach((series) -> offered.add(series.path("metric").path("query").asString()));
		assertThat(offered).as("values of the drill-down's $query variable").contains(QUERY);
		outcomes.forEach((query, outcome) -> logger.info(String.format("dashboard query: %-40s | %-60s | %s",
				query.dashboard() + ": " + query.panel(), query.expr(), outcome)));
		List<String> bad = outcomes.entrySet()
			.stream()
			.filter((entry) -> !entry.getValue().endsWith(" series") || entry.getValue().startsWith("0 "))
			.map((entry) -> entry.getKey() + " -> " + entry.getValue())
			.toList();
		assertThat(bad).as("panel queries that failed or returned no series (Prometheus log: %s)", prometheus.log())
			.isEmpty();
	}

	/**
	 * The Kafka-unavailable ratio and the 5xx ratio have series only once a submission
	 * was refused with 503.
	 */
	private static void refuseASubmissionWhileKafkaIsDown() throws Exception {
		stack.broker().stop();
		Response refused = stack.client().submit(QUERY, Map.of("id", 1)).get(60, TimeUnit.SECONDS);
		assertThat(refused.status()).as("submission while Kafka is down").isEqualTo(503);
		stack.broker().start();
		BuiltApps.awaitReady(stack.ingress());
		BuiltApps.awaitReady(stack.worker());
	}

	private static void driveTraffic() throws Exception {
		// Few distinct ids at 20 in flight: identical queries run together (coalesced),
		// then again from the cache (hits); the first of each id misses.
		assertThat(stack.burst(200, 5)).extracting(Response::status).isSubsetOf(200, 202);
		assertThat(stack.burst(200, 100)).extracting(Response::status).isSubsetOf(200, 202);
		SluiceClient client = stack.client();
		assertThat(client.submit(QUERY, Map.of("id", 0)).get(30, TimeUnit.SECONDS).status())
			.as("out-of-range parameter")
			.isEqualTo(400);
		for (int x = 1; x <= 3; x++) {
			assertThat(client.submit(ConsoleStack.BROKEN, Map.of("x", x)).get(30, TimeUnit.SECONDS).status()).isIn(200,
					202);
		}
		sendUndecodableQuery();
	}

	/** Makes the worker dead-letter a record, for the dead-letter panel. */
	private static void sendUndecodableQuery() throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.broker().bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(Topics.QUERIES, "not-a-routing-key".getBytes(), "{not json".getBytes()))
				.get(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * @return per query, "N series" or the error Prometheus gave
	 */
	private static Map<PanelQuery, String> evaluate(List<PanelQuery> queries, Map<PanelQuery, String> outcomes) {
		for (PanelQuery query : queries) {
			try {
				outcomes.put(query, prometheus.query(query.expr()).size() + " series");
			}
			catch (RuntimeException ex) {
				outcomes.put(query, "error: " + ex.getMessage());
			}
		}
		return outcomes;
	}

	private static List<PanelQuery> panelQueries() throws IOException {
		List<PanelQuery> queries = new ArrayList<>();
		try (Stream<Path> files = Files.list(DASHBOARDS)) {
			for (Path file : files.filter((path) -> path.toString().endsWith(".json")).sorted().toList()) {
				JsonNode dashboard = JsonCodec.MAPPER.readTree(file.toFile());
				collect(dashboard.path("title").asString(), dashboard.path("panels"), queries);
			}
		}
		return queries;
	}

	private static void collect(String dashboard, JsonNode panels, List<PanelQuery> queries) {
		for (JsonNode panel : panels) {
			for (JsonNode target : panel.path("targets")) {
				String expr = target.path("expr").asString("");
				if (!expr.isBlank()) {
					queries.add(new PanelQuery(dashboard, panel.path("title").asString(), substitute(expr)));
				}
			}
			collect(dashboard, panel.path("panels"), queries);
		}
	}

	/**
	 * Grafana's variables as Grafana would fill them; any other variable stays and makes
	 * Prometheus refuse the query, which the test reports.
	 */
	static String substitute(String expr) {
		return expr.replace("${query}", QUERY)
			.replace("[[query]]", QUERY)
			.replace("$query", QUERY)
			.replace("$__rate_interval", "1m")
			.replace("$__interval", "1m")
			.replace("$__range", "5m");
	}

	record PanelQuery(String dashboard, String panel, String expr) {

		@Override
		public String toString() {
			return this.dashboard + " / " + this.panel + ": " + this.expr;
		}

	}

}
