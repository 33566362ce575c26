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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One of Sluice's apps running from its built jar as a separate JVM, as an operator would
 * run it: configured only through environment variables, logging to a file.
 */
final class AppProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Path jar;

	private final Map<String, String> environment;

	private final int port;

	private final Path log;

	private Process process;

	AppProcess(String name, Path jar, int port, Map<String, String> environment, Path logDirectory) {
		this.name = name;
		this.jar = jar;
		this.port = port;
		this.environment = environment;
		this.log = logDirectory.resolve(name + ".log");
	}

	static Path repository() {
		return Path.of(System.getProperty("sluice.repository", "..")).toAbsolutePath().normalize();
	}

	static Path jar(String module, String name) {
		Path jar = repository().resolve(module).resolve("target").resolve(name);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing; build it with ./mvnw -DskipTests package");
		}
		return jar;
	}

	String name() {
		return this.name;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	long pid() {
		return this.process.pid();
	}

	AppProcess start() {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", this.jar.toString()));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		builder.environment().putAll(this.environment);
		builder.environment().put("SERVER_PORT", Integer.toString(this.port));
		try {
			Files.createDirectories(this.log.getParent());
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name, ex);
		}
		return this;
	}

	/**
	 * Wait until the app reports itself ready to take traffic.
	 * @param timeout how long to wait
	 * @return this app
	 */
	AppProcess awaitReady(Duration timeout) {
		HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			Awaitility.await(this.name + " ready")
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException(this.name + " exited with " + this.process.exitValue()
								+ " while starting; see " + this.log + ":\n" + logTail());
					}
					return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
				});
		}
		catch (ConditionTimeoutException ex) {
			throw new IllegalStateException(this.name + " was not ready within " + timeout.toSeconds() + " s; see "
					+ this.log + ":\n" + logTail(), ex);
		}
		return this;
	}

	/** Stop the way an orchestrator does: SIGTERM, then wait for a graceful exit. */
	void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		waitForExit(Duration.ofSeconds(60));
	}

	/** Crash it: SIGKILL, no shutdown hooks, no commit. */
	void kill() {
		if (this.process == null) {
			return;
		}
		this.process.destroyForcibly();
		waitForExit(Duration.ofSeconds(30));
	}

	@Override
	public void close() {
		stop();
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

	private void waitForExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
