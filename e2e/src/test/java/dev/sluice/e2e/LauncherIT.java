package dev.sluice.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.sluice.contract.JsonCodec;
import dev.sluice.devstack.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./sluice up} as a user runs it: on free ports, with one worker and a small demo
 * database of its own, driven from outside through HTTP and signals.
 */
class LauncherIT {

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

	@Test
	void upAnswersAQueryAndCtrlCStopsEveryProcess() throws Exception {
		int ingressPort = LauncherRun.freePorts(1);
		try (LauncherRun run = LauncherRun.start(REPOSITORY, Map.of(), up(ingressPort, dataDir, List.of()))) {
			await("Sluice is up").atMost(Duration.ofMinutes(4))
				.until(() -> run.printed("Sluice is up") || !run.isAlive());
			assertThat(run.printed("Sluice is up")).as(run.output()).isTrue();

			Map<String, Object> accepted = submit(ingressPort, "customer_by_id", Map.of("customerId", 42));
			String id = String.valueOf(accepted.get("id"));
			await("query " + id + " succeeds").atMost(Duration.ofSeconds(60))
				.until(() -> "SUCCEEDED".equals(status(ingressPort, id).get("state")));
			await("a status line").atMost(Duration.ofSeconds(10))
				.until(() -> run.printed("status") && run.printed("accepted/s"));

			assertThat(run.descendants()).as("launcher JVM, broker, ingress and worker").hasSizeGreaterThanOrEqualTo(4);
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
				up(ingressPort, dataDir.resolve("crash"), catalog))) {
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
			try (LauncherRun run = LauncherRun.start(REPOSITORY, Map.of(), up(port, dataDir, List.of()))) {
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
		try (LauncherRun run = LauncherRun.start(REPOSITORY, nowhere, up(ingressPort, dataDir, List.of()))) {
			assertThat(run.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
			assertThat(run.output()).contains("Cannot reach PostgreSQL").contains("apt-get install postgresql");
		}
	}

	private static List<String> up(int ingressPort, Path dataDir, List<String> extra) throws IOException {
		List<String> args = new ArrayList<>(List.of("up", "--no-build", "--workers", "1", "--scale", "0.01",
				"--database", DATABASE, "--data-dir", dataDir.toString(), "--port", Integer.toString(ingressPort),
				"--worker-base-port", Integer.toString(LauncherRun.freePorts(1)), "--kafka-port",
				Integer.toString(LauncherRun.freePorts(2))));
		args.addAll(extra);
		return args;
	}

	private static Map<String, Object> submit(int port, String query, Map<String, Object> params) throws Exception {
		String body = JsonCodec.MAPPER.writeValueAsString(Map.of("query", query, "params", params));
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base(port) + "/v1/queries"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isIn(200, 202);
		return json(response.body());
	}

	private static Map<String, Object> status(int port, String id) throws Exception {
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base(port) + "/v1/queries/" + id))
			.header("Prefer", "wait=5")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response.body());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(String body) {
		return JsonCodec.MAPPER.readValue(body, Map.class);
	}

	private static String base(int port) {
		return "http://127.0.0.1:" + port;
	}

}
