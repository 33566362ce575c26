package dev.sluice.worker.startup;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.postgres.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged worker, started as operators start it, refuses to run without a valid
 * catalog, Kafka and PostgreSQL: it exits non-zero with one message saying what is wrong
 * and what to do, not a stack trace.
 */
class StartupFailureIT {

	static final Path JAR = Path.of("target", "sluice-worker.jar");

	static KafkaBroker broker;

	static TestDatabase database;

	static Path validCatalog;

	@BeforeAll
	static void startInfrastructure() throws IOException {
		assertThat(JAR).as("built by the package phase").exists();
		broker = KafkaBroker.temporary().start();
		database = TestDatabase.create("startup");
		validCatalog = Files.createTempFile("sluice-startup-valid-", ".yml");
		Files.writeString(validCatalog, "queries:\n  one:\n    sql: select 1\n");
	}

	@AfterAll
	static void stopInfrastructure() throws IOException {
		database.close();
		broker.close();
		Files.deleteIfExists(validCatalog);
	}

	@Test
	void invalidCatalogStopsStartupNamingTheQueryAndTheField() throws Exception {
		Path broken = Files.createTempFile("sluice-startup-broken-", ".yml");
		Files.writeString(broken, """
				queries:
				  broken:
				    sql: select :x
				    params:
				      x: { type: integr }
				""");
		try {
			Run run = start(Map.of("SLUICE_CATALOG", broken.toString(), "SPRING_KAFKA_BOOTSTRAP_SERVERS",
					broker.bootstrapServers(), "SPRING_DATASOURCE_URL", database.jdbcUrl()));

			assertThat(run.exitCode()).isNotZero();
			assertThat(run.output()).contains("APPLICATION FAILED TO START")
				.contains("Invalid query catalog: catalog " + broken + ": query 'broken': params.x.type: 'integr'")
				.contains("SLUICE_CATALOG");
			assertThat(run.stackTraceLines()).isEmpty();
		}
		finally {
			Files.deleteIfExists(broken);
		}
	}

	@Test
	void unreachableKafkaStopsStartupNamingTheServers() throws Exception {
		String nowhere = "127.0.0.1:" + freePort();

		Run run = start(Map.of("SLUICE_CATALOG", validCatalog.toString(), "SPRING_KAFKA_BOOTSTRAP_SERVERS", nowhere,
				"SPRING_DATASOURCE_URL", database.jdbcUrl(), "SLUICE_WORKER_STARTUP_TIMEOUT", "3s"));

		assertThat(run.exitCode()).isNotZero();
		assertThat(run.output()).contains("Kafka is not reachable at " + nowhere + ": no broker answered within 3 s")
			.contains("./sluice up")
			.contains("SPRING_KAFKA_BOOTSTRAP_SERVERS");
		assertThat(run.stackTraceLines()).isEmpty();
	}

	@Test
	void unreachableDatabaseStopsStartupNamingTheUrl() throws Exception {
		String url = "jdbc:postgresql://127.0.0.1:" + freePort() + "/sluice_demo";

		Run run = start(Map.of("SLUICE_CATALOG", validCatalog.toString(), "SPRING_KAFKA_BOOTSTRAP_SERVERS",
				broker.bootstrapServers(), "SPRING_DATASOURCE_URL", url));

		assertThat(run.exitCode()).isNotZero();
		assertThat(run.output()).contains("PostgreSQL is not reachable at " + url + ": ")
			.contains("sudo pg_ctlcluster 15 main start")
			.contains("SPRING_DATASOURCE_URL");
		assertThat(run.stackTraceLines()).isEmpty();
	}

	/** A port nothing listens on. */
	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static Run start(Map<String, String> environment) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString()).redirectErrorStream(true);
		builder.environment().putAll(environment);
		builder.environment().put("SERVER_PORT", "0");
		Process process = builder.start();
		byte[] output = process.getInputStream().readAllBytes();
		if (!process.waitFor(120, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("The worker did not exit within 120 s:\n" + new String(output));
		}
		return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
	}

	record Run(int exitCode, String output) {

		List<String> stackTraceLines() {
			List<String> lines = new ArrayList<>();
			for (String line : this.output.split("\n")) {
				if (line.matches("\\s+at [a-zA-Z_$][\\w.$]*\\(.*\\)\\s*")) {
					lines.add(line);
				}
			}
			return lines;
		}

	}

}
