package dev.sluice.worker.consume;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.sluice.catalog.Catalog;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.devstack.postgres.PostgresServer;
import dev.sluice.worker.QueryClient;
import dev.sluice.worker.ResultsCollector;
import dev.sluice.worker.TcpProxy;
import dev.sluice.worker.WorkerApplication;
import dev.sluice.worker.WorkerInfrastructure;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker reaches PostgreSQL through a proxy that the test cuts and restores, to show
 * that an outage makes queries wait in Kafka rather than fail.
 */
@ExtendWith(WorkerInfrastructure.class)
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseOutageIT {

	static final String CATALOG = """
			queries:
			  echo:
			    sql: select :tag::text as tag
			    params:
			      tag: { type: text, required: true }
			  sleepy:
			    sql: select :tag::text as tag from pg_sleep(:seconds)
			    params:
			      tag: { type: text, required: true }
			      seconds: { type: decimal, required: true }
			    timeout: 30s
			""";

	static TcpProxy database;

	static Path catalogFile;

	static QueryClient client;

	static ResultsCollector results;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startProxy() throws IOException {
		PostgresServer server = PostgresServer.fromEnvironment();
		database = new TcpProxy(server.host(), server.port());
		catalogFile = Files.createTempFile("sluice-outage-it-", ".yml");
		Files.writeString(catalogFile, CATALOG);
	}

	@DynamicPropertySource
	static void workerProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> WorkerInfrastructure.broker().bootstrapServers());
		registry.add("spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + database.port() + "/"
				+ WorkerInfrastructure.database().name() + "?ApplicationName=sluice-worker-outage-it");
		registry.add("spring.datasource.username", () -> WorkerInfrastructure.database().username());
		registry.add("spring.datasource.password", () -> WorkerInfrastructure.database().password());
		registry.add("sluice.catalog", () -> catalogFile.toString());
		registry.add("sluice.topics.partitions", () -> "2");
		registry.add("sluice.worker.pool-size", () -> "2");
		registry.add("sluice.worker.connection-timeout", () -> "1s");
		registry.add("sluice.worker.backoff.initial", () -> "500ms");
		registry.add("sluice.worker.backoff.max", () -> "2s");
	}

	@BeforeEach
	void connectClients() {
		if (client == null) {
			client = new QueryClient(WorkerInfrastructure.broker().bootstrapServers(),
					Catalog.load(catalogFile.toString()));
			results = new ResultsCollector(WorkerInfrastructure.broker().bootstrapServers());
		}
	}

	@AfterEach
	void restoreDatabase() {
		database.restore();
	}

	@AfterAll
	static void closeClients() throws Exception {
		if (results != null) {
			results.close();
			client.close();
			client = null;
		}
		Files.deleteIfExists(catalogFile);
		database.close();
	}

	@Test
	void queriesWaitInKafkaWhileTheDatabaseIsDownAndRunOnceItIsBack() throws Exception {
		QuerySubmitted warmUp = client.query("echo", Map.of("tag", "before"));
		client.submit(warmUp);
		assertThat(results.awaitTerminal(warmUp.id()).state()).isEqualTo(QueryState.SUCCEEDED);

		database.cut();
		List<QuerySubmitted> waiting = List.of(client.query("echo", Map.of("tag", "one")),
				client.query("echo", Map.of("tag", "two")), client.query("echo", Map.of("tag", "three")));
		Instant now = Instant.now();
		QuerySubmitted impatient = client.query("echo", Map.of("tag", "impatient"), now, now.plusSeconds(3));
		List<RecordMetadata> records = client
			.submitTogether(List.of(waiting.get(0), waiting.get(1), waiting.get(2), impatient));

		await().atMost(Duration.ofSeconds(20)).until(() -> readiness() == 503);
		await().during(Duration.ofSeconds(5))
			.atMost(Duration.ofSeconds(8))
			.until(() -> notCommitted(records.get(0))
					&& waiting.stream().allMatch((query) -> results.terminalStatuses(query.id()).isEmpty()));
		// Redelivered after its deadline, the impatient query expires without a
		// connection,
		// outage or not.
		QueryStatus expired = results.awaitTerminal(impatient.id(), Duration.ofSeconds(30));

		database.restore();

		for (QuerySubmitted query : waiting) {
			QueryStatus status = results.awaitTerminal(query.id(), Duration.ofSeconds(60));
			assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
			assertThat(status.result().rows().get(0).get(0)).isEqualTo(query.params().get("tag"));
		}
		assertThat(expired.state()).isEqualTo(QueryState.EXPIRED);
		assertThat(expired.startedAt()).isNull();
		await().atMost(Duration.ofSeconds(20)).until(() -> readiness() == 200);
	}

	@Test
	void queryThatLosesItsConnectionWhileRunningIsRetriedNotFailed() {
		QuerySubmitted running = client.query("sleepy", Map.of("tag", "interrupted", "seconds", "3"));
		client.submit(running);
		results.awaitState(running.id(), QueryState.RUNNING, Duration.ofSeconds(30));

		database.cut();
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> results.terminalStatuses(running.id()).isEmpty());
		database.restore();

		QueryStatus status = results.awaitTerminal(running.id(), Duration.ofSeconds(60));
		assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(status.result().rows()).isEqualTo(List.of(List.of("interrupted")));
	}

	private static boolean notCommitted(RecordMetadata record) {
		try {
			return client.committedOffset(record) <= record.offset();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int readiness() throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
	}

}
