package dev.sluice.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.sluice.contract.JsonCodec;
import dev.sluice.devstack.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./sluice up} as a user runs it: on free ports, with a small demo database of its
 * own, driven from outside through HTTP and signals.
 */
class LauncherIT {

	private static final Logger logger = LoggerFactory.getLogger(LauncherIT.class);

	private static final Path REPOSITORY = ComposeFileIT.repository();

	private static final String DATABASE = "sluice_it_launcher_" + UUID.randomUUID().toString().substring(0, 8);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static Path dataDir;

	@BeforeAll
	static void dataDirectory() throws IOException {
		dataDir = Files.createTempDirectory("sluice-launcher-");
	}

	@AfterAll
	static void dropDatabase() {
		PostgresServer.fromEnvironment().dropDatabase(DATABASE);
	}

	/**
	 * "Sluice is up" means a query runs: the first one, sent the moment the banner shows,
	 * completes within its {@code Prefer: wait}, with the default two workers starting
	 * alongside the ingress (how long it took is logged, not bounded: a busy host may
	 * take a second or two). Then every command the README and {@code docs/} mark
	 * runnable runs as written against it.
	 */
	@Test
	void firstQueryRunsTheMomentUpIsPrintedTheDocumentedCommandsRunAndCtrlCStopsEveryProcess() throws Exception {
		int ingressPort = LauncherRun.freePorts(1);
		try (LauncherRun run = LauncherRun.start(REPOSITORY, Map.of(), up(ingressPort, dataDir, 2, List.of()))) {
			await("Sluice is up").atMost(Duration.ofMinutes(4))
				.pollInterval(Duration.ofMillis(20))
				.until(() -> run.printed("Sluice is up") || !run.isAlive());
			assertThat(run.printed("Sluice is up")).as(run.output()).isTrue();
			String key = Files.readString(dataDir.resolve("demo-key")).strip();
			assertThat(run.output()).as("the key printed and used in the examples")
				.contains("API key      " + key)
				.contains("export SLUICE_KEY=" + key);
			assertThat(Files.readString(dataDir.resolve("keys.yml"))).as("only its hash").doesNotContain(key);

			HttpRequest submission = submission(ingressPort, "customer_orders", Map.of("customerId", 42), "Prefer",
					"wait=10", "Authorization", "Bearer " + key);
			long start = System.nanoTime();
			HttpResponse<String> first = HTTP.send(submission, HttpResponse.BodyHandlers.ofString());
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
			assertThat(HTTP
				.send(submission(ingressPort, "customer_orders", Map.of("customerId", 42)),
						HttpResponse.BodyHandlers.ofString())
				.statusCode()).as("without the key").isEqualTo(401);
			assertThat(json(first.body())).as(first.body()).containsEntry("state", "SUCCEEDED");
			String sinceUp = run.output().substring(run.output().indexOf("Sluice is up"));
			assertThat(sinceUp).as("no rebalance after up").doesNotContain("partitions revoked");
			logger.info(String.format("launcher: the first query after \"Sluice is up\" ended SUCCEEDED in %d ms",
					took.toMillis()));
			assertThat(run.output()).containsPattern("Sluice is up after \\d+\\.\\d s \\(apps ready in \\d+\\.\\d s");
			await("a status line").atMost(Duration.ofSeconds(10))
				.until(() -> run.printed("status") && run.printed("accepted/s"));
			runDocumentedCommands(ingressPort);

			assertThat(run.descendants()).as("launcher JVM, broker, ingress and workers")
				.hasSizeGreaterThanOrEqualTo(5);
			run.signal("INT");
			assertThat(run.awaitExit(Duration.ofMinutes(2))).as(run.output()).isZero();
			assertThat(run.printed("Stopped.")).isTrue();
			assertThat(run.descendants()).filteredOn(ProcessHandle::isAlive).as("processes left behind").isEmpty();
		}
	}

	@Test
	void childCrashingAtStartUpStopsEverythingAndExitsNonZero() throws Exception {
		int ingressPort = LauncherRun.freePorts(1);
		List<String> catalog = List.of("--catalog", "/nonexistent/catalog.yml");
		try (LauncherRun run = LauncherRun.start(REPOSITORY, Map.of(),
				up(ingressPort, dataDir.resolve("crash"), 1, catalog))) {
			assertThat(run.awaitExit(Duration.ofMinutes(4))).as(run.output()).isEqualTo(1);
			assertThat(run.output()).contains("exited with code").contains("while starting").contains("catalog");
			assertThat(run.descendants()).as("broker and apps were started").hasSizeGreaterThanOrEqualTo(3);
			assertThat(run.descendants()).filteredOn(ProcessHandle::isAlive).as("processes left behind").isEmpty();
		}
	}

	@Test
	void portInUseNamesThePortAndTheFlag() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = taken.getLocalPort();
			try (LauncherRun run = LauncherRun.start(REPOSITORY, Map.of(), up(port, dataDir, 1, List.of()))) {
				assertThat(run.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
				assertThat(run.output()).contains("Port " + port).contains("--port <port>");
				assertThat(run.descendants()).filteredOn(ProcessHandle::isAlive).isEmpty();
			}
		}
	}

	@Test
	void unreachablePostgresSaysHowToStartOne() throws Exception {
		int ingressPort = LauncherRun.freePorts(1);
		Map<String, String> nowhere = Map.of("SLUICE_PG_PORT", Integer.toString(LauncherRun.freePorts(1)));
		try (LauncherRun run = LauncherRun.start(REPOSITORY, nowhere, up(ingressPort, dataDir, 1, List.of()))) {
			assertThat(run.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
			assertThat(run.output()).contains("Cannot reach PostgreSQL").contains("apt-get install postgresql");
		}
	}

	private static List<String> up(int ingressPort, Path dataDir, int workers, List<String> extra) throws IOException {
		List<String> args = new ArrayList<>(List.of("up", "--no-build", "--workers", Integer.toString(workers),
				"--scale", "0.01", "--database", DATABASE, "--data-dir", dataDir.toString(), "--port",
				Integer.toString(ingressPort), "--worker-base-port", Integer.toString(LauncherRun.freePorts(workers)),
				"--kafka-port", Integer.toString(LauncherRun.freePorts(2))));
		args.addAll(extra);
		return args;
	}

	private static HttpRequest submission(int port, String query, Map<String, Object> params, String... headers) {
		String body = JsonCodec.MAPPER.writeValueAsString(Map.of("query", query, "params", params));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(port) + "/v1/queries"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return ((headers.length > 0) ? request.headers(headers) : request).build();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(String body) {
		return JsonCodec.MAPPER.readValue(body, Map.class);
	}

	private static String base(int port) {
		return "http://127.0.0.1:" + port;
	}

	/** Run {@code docs/check-commands} against the ingress on {@code ingressPort}. */
	private static void runDocumentedCommands(int ingressPort) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("bash", "docs/check-commands").directory(REPOSITORY.toFile())
			.redirectErrorStream(true);
		builder.environment().put("SLUICE_URL", "http://127.0.0.1:" + ingressPort);
		builder.environment().put("SLUICE_DATA_DIR", dataDir.toString());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		logger.info("docs/check-commands: {}", output.strip().lines().reduce((first, last) -> last).orElse(""));
	}

}
