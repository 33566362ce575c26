package dev.sluice.devstack.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sluice.devstack.postgres.DemoDatabase;
import dev.sluice.devstack.postgres.PostgresServer;
import dev.sluice.devstack.process.ChildProcess;
import org.jspecify.annotations.Nullable;

/**
 * How the launcher starts the two apps: the same JVM as the launcher's, in the checkout,
 * with the environment variables each app reads (standard Spring Boot properties in their
 * environment-variable form), every line they print going to the console under their
 * name. The launcher's own environment is inherited, so e.g.
 * {@code SLUICE_WORKER_POOL_SIZE} reaches the workers as the user set it.
 */
final class AppCommands {

	private final StackOptions options;

	private final Map<String, String> environment;

	private final String bootstrapServers;

	AppCommands(StackOptions options, Map<String, String> environment, String bootstrapServers) {
		this.options = options;
		this.environment = environment;
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * @param key the demo client's key, or {@code null} when the user asked for an open
	 * ingress ({@code SLUICE_SECURITY_MODE=open})
	 */
	ChildProcess startIngress(Path jar, @Nullable DemoKey key, Console console) {
		Map<String, String> env = common(this.options.port());
		if (key != null) {
			env.put("SLUICE_SECURITY_MODE", "keys");
			env.put("SLUICE_SECURITY_KEYS", key.keysFile().toString());
		}
		return start("ingress", jar, env, this.options.port(), console);
	}

	/**
	 * @return whether the user asked for an ingress without API keys
	 */
	boolean openIngress() {
		return "open".equalsIgnoreCase(this.environment.getOrDefault("SLUICE_SECURITY_MODE", "").strip());
	}

	ChildProcess startWorker(int n, Path jar, DemoDatabase demo, Console console) {
		PostgresServer server = PostgresServer.fromEnvironment();
		Map<String, String> env = common(this.options.workerPort(n));
		env.put("SPRING_DATASOURCE_URL", demo.jdbcUrl() + "?ApplicationName=sluice-worker");
		env.put("SPRING_DATASOURCE_USERNAME", server.user());
		env.put("SPRING_DATASOURCE_PASSWORD", server.password());
		return start("worker-" + n, jar, env, this.options.workerPort(n), console);
	}

	private ChildProcess start(String name, Path jar, Map<String, String> env, int port, Console console) {
		return ChildProcess.builder(name, java(jar))
			.environment(env)
			.directory(this.options.home())
			.port(port)
			.eachLine((line) -> console.line(name, line))
			.start();
	}

	private List<String> java(Path jar) {
		List<String> arguments = new ArrayList<>();
		// Three JVMs and a broker share the machine: keep each heap modest.
		arguments.add("-Xmx512m");
		String extra = this.environment.getOrDefault("SLUICE_JAVA_OPTS", "").strip();
		if (!extra.isEmpty()) {
			arguments.addAll(Arrays.asList(extra.split("\\s+")));
		}
		arguments.add("-jar");
		arguments.add(jar.toString());
		return ChildProcess.java(arguments.toArray(String[]::new));
	}

	private Map<String, String> common(int port) {
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.bootstrapServers);
		env.put("SERVER_PORT", Integer.toString(port));
		// A development stack answers on this machine only.
		env.put("SERVER_ADDRESS", "127.0.0.1");
		env.put("SLUICE_CATALOG", this.options.catalog());
		// One console for every process: no banners, and no dump of every Kafka client's
		// configuration (a hundred lines per client), unless the user asks for them.
		env.put("SPRING_MAIN_BANNER_MODE", "off");
		if (!this.environment.containsKey("LOGGING_LEVEL_ORG_APACHE_KAFKA_COMMON_CONFIG")) {
			env.put("LOGGING_LEVEL_ORG_APACHE_KAFKA_COMMON_CONFIG", "WARN");
		}
		return env;
	}

}
