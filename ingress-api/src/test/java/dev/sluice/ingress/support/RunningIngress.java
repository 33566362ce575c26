package dev.sluice.ingress.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.sluice.ingress.IngressApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One ingress application on a random port, started and stopped by the test itself, so
 * that a test can run two of them on one broker or restart one.
 */
public final class RunningIngress implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningIngress(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static RunningIngress start(String bootstrapServers, String... properties) {
		return start(bootstrapServers, new Class<?>[0], properties);
	}

	/**
	 * Start an ingress with more configuration, e.g. test probes.
	 * @param bootstrapServers the broker
	 * @param sources configuration classes to add to the application's
	 * @param properties {@code name=value} pairs
	 * @return the running ingress
	 */
	public static RunningIngress start(String bootstrapServers, Class<?>[] sources, String... properties) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("server.port", "0");
		defaults.put("spring.kafka.bootstrap-servers", bootstrapServers);
		defaults.put("sluice.topics.partitions", "3");
		defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "5s");
		defaults.put("spring.main.banner-mode", "off");
		// Tests of API keys and quotas ask for keys; the others test what comes after.
		defaults.put("sluice.security.mode", "open");
		for (String property : properties) {
			String[] pair = property.split("=", 2);
			defaults.put(pair[0], pair[1]);
		}
		// As command-line arguments: they win over application.yml, default properties do
		// not.
		String[] args = defaults.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new RunningIngress(new SpringApplicationBuilder(IngressApplication.class).sources(sources).run(args));
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port") + path);
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
