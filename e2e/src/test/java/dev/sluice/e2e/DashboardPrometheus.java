package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.sluice.contract.JsonCodec;
import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.process.ChildProcess;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * A real Prometheus (Debian's {@code /usr/bin/prometheus}, never its system service) on a
 * free loopback port, scraping one ingress and one worker every second and evaluating
 * {@code dashboards/rules/*.yml} every second (groups with their own interval keep it).
 * Storage lives in a temporary directory, removed on close.
 */
final class DashboardPrometheus implements AutoCloseable {

	static final Path BINARY = Path.of("/usr/bin/prometheus");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Path directory;

	private final int port;

	private final Process process;

	private final Path log;

	private DashboardPrometheus(Path directory, int port, Process process, Path log) {
		this.directory = directory;
		this.port = port;
		this.process = process;
		this.log = log;
	}

	static DashboardPrometheus start(ChildProcess ingress, ChildProcess worker, Path logs) throws IOException {
		if (!Files.isExecutable(BINARY)) {
			throw new IllegalStateException(BINARY + " is missing: install Debian's prometheus package "
					+ "(apt-get install -y prometheus) and leave its service stopped");
		}
		Path directory = Files.createTempDirectory("sluice-dashboards-prometheus");
		Path config = directory.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				rule_files:
				  - %s/*.yml
				scrape_configs:
				  - job_name: sluice-ingress
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['%s']
				  - job_name: sluice-worker
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['%s']
				""".formatted(BuiltApps.repository().resolve("dashboards/rules"), hostPort(ingress), hostPort(worker)));
		int port = KafkaBroker.freePort();
		Files.createDirectories(logs);
		Path log = logs.resolve("prometheus.log");
		Process process = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		DashboardPrometheus prometheus = new DashboardPrometheus(directory, port, process, log);
		try {
			Awaitility.await("prometheus ready on " + port)
				.atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.until(() -> {
					if (!process.isAlive()) {
						throw new IllegalStateException("prometheus exited; see " + log);
					}
					return HTTP
						.send(HttpRequest.newBuilder(URI.create(prometheus.url("/-/ready"))).build(),
								HttpResponse.BodyHandlers.discarding())
						.statusCode() == 200;
				});
		}
		catch (RuntimeException | Error ex) {
			prometheus.close();
			throw ex;
		}
		return prometheus;
	}

	/**
	 * Evaluate an instant query.
	 * @param expr PromQL
	 * @return the answer's {@code data.result}
	 * @throws IllegalStateException naming the query if Prometheus refuses it
	 */
	JsonNode query(String expr) {
		String body;
		int status;
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest
				.newBuilder(URI.create(url("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8))))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
			body = response.body();
			status = response.statusCode();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Prometheus did not answer " + expr, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while querying " + expr, ex);
		}
		JsonNode answer = JsonCodec.MAPPER.readTree(body);
		if (status != 200 || !"success".equals(answer.path("status").asString())) {
			throw new IllegalStateException("HTTP " + status + ": " + answer.path("error").asString(body));
		}
		return answer.path("data").path("result");
	}

	Path log() {
		return this.log;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A leftover temporary directory is harmless; the test result is what
			// matters.
		}
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private static String hostPort(ChildProcess app) {
		return "127.0.0.1:" + app.port();
	}

}
