package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.process.ChildProcess;

import static org.awaitility.Awaitility.await;

/**
 * Debian's {@code haproxy} as a round-robin HTTP load balancer in front of ingress
 * processes, in the foreground as a child process, with a generated configuration on free
 * ports. Each backend is health-checked on {@code /actuator/health/readiness} every 500
 * ms and taken out after two failures; a request that cannot connect to its backend is
 * retried twice, on another backend ({@code retries 2}, {@code option redispatch}). A
 * request already sent is never retried: a {@code POST} could queue its query twice.
 *
 * <pre>{@code
 * try (Haproxy balancer = Haproxy.roundRobin(List.of(ingress1, ingress2), logs)) {
 *     SluiceClient client = new SluiceClient(balancer.baseUrl());
 *     balancer.awaitServer(ingress2, "DOWN", Duration.ofSeconds(10));
 * }
 * }</pre>
 */
final class Haproxy implements AutoCloseable {

	private static final List<Path> LOCATIONS = List.of(Path.of("/usr/sbin/haproxy"),
			Path.of("/usr/local/sbin/haproxy"));

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ChildProcess process;

	private final int port;

	private final int statsPort;

	private Haproxy(ChildProcess process, int port, int statsPort) {
		this.process = process;
		this.port = port;
		this.statsPort = statsPort;
	}

	/**
	 * Start haproxy in front of the given backends and wait until it reports every one of
	 * them up.
	 * @param backends HTTP processes on 127.0.0.1, each known to haproxy by its name
	 * @param logs where {@code haproxy.log} goes
	 * @return the running balancer; close it to stop
	 * @throws IllegalStateException saying how to install haproxy if it is missing
	 */
	static Haproxy roundRobin(List<ChildProcess> backends, Path logs) {
		int port = KafkaBroker.freePort();
		int statsPort = KafkaBroker.freePort();
		Path config = writeConfig(backends, port, statsPort);
		ChildProcess process = ChildProcess
			.builder("haproxy", List.of(executable().toString(), "-db", "-f", config.toString()))
			.port(port)
			.logTo(logs)
			.start();
		Haproxy haproxy = new Haproxy(process, port, statsPort);
		try {
			for (ChildProcess backend : backends) {
				haproxy.awaitServer(backend, "UP", Duration.ofSeconds(30));
			}
			return haproxy;
		}
		catch (RuntimeException ex) {
			process.close();
			throw new IllegalStateException(
					"haproxy did not report its backends up; its output:\n" + process.lastLines(), ex);
		}
	}

	private static Path executable() {
		Stream<Path> onPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
			.filter((directory) -> !directory.isBlank())
			.map((directory) -> Path.of(directory, "haproxy"));
		return Stream.concat(onPath, LOCATIONS.stream())
			.filter(Files::isExecutable)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("haproxy is not installed, and this test needs it as the "
					+ "load balancer in front of two ingresses: install Debian's package "
					+ "(sudo apt-get install haproxy), as .ci/run does"));
	}

	private static Path writeConfig(List<ChildProcess> backends, int port, int statsPort) {
		StringBuilder servers = new StringBuilder();
		for (ChildProcess backend : backends) {
			servers.append("  server %s 127.0.0.1:%d check%n".formatted(backend.name(), backend.port()));
		}
		String config = """
				global
				  maxconn 512
				  log stdout format raw local0
				defaults
				  mode http
				  # Only failed requests, with haproxy's reason, into haproxy.log.
				  log global
				  option httplog
				  option dontlog-normal
				  timeout connect 1s
				  timeout check 1s
				  # Above a long-poll's longest wait (sluice.ingress.max-wait, 30 s).
				  timeout client 40s
				  timeout server 40s
				  retries 2
				  option redispatch
				frontend sluice
				  bind 127.0.0.1:%d
				  default_backend ingresses
				backend ingresses
				  balance roundrobin
				  option httpchk
				  http-check send meth GET uri /actuator/health/readiness
				  http-check expect status 200
				  default-server inter 500ms fall 2 rise 2
				%s\
				listen stats
				  bind 127.0.0.1:%d
				  stats enable
				  stats uri /stats
				""".formatted(port, servers, statsPort);
		try {
			Path file = Files.createTempFile("sluice-haproxy", ".cfg");
			Files.writeString(file, config);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the haproxy configuration", ex);
		}
	}

	/**
	 * @return {@code http://127.0.0.1:<port>} of the balancer
	 */
	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * Wait until haproxy reports the backend in the given state.
	 * @param backend one of the backends
	 * @param status {@code UP} or {@code DOWN}
	 * @param atMost how long
	 */
	void awaitServer(ChildProcess backend, String status, Duration atMost) {
		await("haproxy to report %s %s".formatted(backend.name(), status)).atMost(atMost)
			.pollInterval(Duration.ofMillis(100))
			.ignoreExceptions()
			.until(() -> status.equals(servers().get(backend.name())));
	}

	/**
	 * @return the status haproxy reports for each backend by name, e.g. {@code UP},
	 * {@code DOWN}, {@code DOWN 1/2}
	 */
	Map<String, String> servers() throws IOException, InterruptedException {
		Map<String, String> servers = new HashMap<>();
		for (Map<String, String> row : stats()) {
			if (!row.get("svname").equals("BACKEND")) {
				servers.put(row.get("svname"), row.get("status"));
			}
		}
		return servers;
	}

	/**
	 * @return how many requests haproxy sent to another backend after their own refused
	 * the connection ({@code wredis} of the backends as a whole)
	 */
	long redispatched() throws IOException, InterruptedException {
		return stats().stream()
			.filter((row) -> row.get("svname").equals("BACKEND"))
			.mapToLong((row) -> Long.parseLong(row.get("wredis")))
			.sum();
	}

	/** The rows of haproxy's CSV statistics for the {@code ingresses} backend. */
	private List<Map<String, String>> stats() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.statsPort + "/stats;csv"))
			.timeout(Duration.ofSeconds(2))
			.build();
		String[] lines = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body().split("\n");
		String[] header = lines[0].replaceFirst("^# ", "").split(",");
		List<Map<String, String>> rows = new ArrayList<>();
		for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
			String[] fields = line.split(",", -1);
			Map<String, String> row = new HashMap<>();
			for (int i = 0; i < Math.min(header.length, fields.length); i++) {
				row.put(header[i], fields[i]);
			}
			if ("ingresses".equals(row.get("pxname"))) {
				rows.add(row);
			}
		}
		return rows;
	}

	@Override
	public void close() {
		this.process.stop(Duration.ofSeconds(10));
	}

}
