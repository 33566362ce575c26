package dev.sluice.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.devstack.process.Probe;
import dev.sluice.devstack.process.Readiness;

/**
 * Sluice's apps as the end-to-end tests run them: from the jars the build packaged, each
 * a small JVM of its own on a free port, configured only through environment variables as
 * an operator would run it, logging to {@code <logs>/<name>.log}.
 *
 * <pre>{@code
 * ChildProcess worker = BuiltApps.worker("worker-1", environment, logs);
 * BuiltApps.awaitReady(worker);
 * }</pre>
 */
final class BuiltApps {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

	private BuiltApps() {
	}

	static Path repository() {
		return Path.of(System.getProperty("sluice.repository", "..")).toAbsolutePath().normalize();
	}

	static ChildProcess worker(String name, Map<String, String> environment, Path logs) {
		return start(name, "worker", environment, logs);
	}

	/**
	 * Start an ingress; without API keys ({@code SLUICE_SECURITY_MODE=open}) unless the
	 * environment asks for them.
	 */
	static ChildProcess ingress(String name, Map<String, String> environment, Path logs) {
		Map<String, String> all = new java.util.HashMap<>(environment);
		all.putIfAbsent("SLUICE_SECURITY_MODE", "open");
		return start(name, "ingress-api", all, logs);
	}

	/**
	 * Wait until the app reports itself ready to take traffic, at most 120 s.
	 * @param app a started app
	 * @throws IllegalStateException with the end of its log if it exits first or is not
	 * ready in time
	 */
	static void awaitReady(ChildProcess app) {
		Readiness.within(READY_TIMEOUT).await(app, Probe.springBootApp(app.port()));
	}

	private static ChildProcess start(String name, String module, Map<String, String> environment, Path logs) {
		int port = KafkaBroker.freePort();
		return ChildProcess
			.builder(name,
					ChildProcess.java("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
							jar(module).toString()))
			.environment(environment)
			.environment(Map.of("SERVER_PORT", Integer.toString(port)))
			.port(port)
			.logTo(logs)
			.start();
	}

	private static Path jar(String module) {
		Path jar = repository().resolve(module).resolve("target").resolve("sluice-" + module + ".jar");
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing; build it with ./mvnw -DskipTests package");
		}
		return jar;
	}

}
