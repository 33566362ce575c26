package dev.sluice.e2e;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.sluice.contract.JsonCodec;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration properties one built app knows: every property in the Spring
 * configuration metadata of the jar and of the libraries packed in it, plus every key of
 * its {@code application.yml}, with the values that file sets. Answers whether an
 * environment variable binds to one of them the way Spring Boot's relaxed binding does.
 */
final class ComposeAppProperties {

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final String ADDITIONAL_METADATA = "META-INF/additional-spring-configuration-metadata.json";

	/**
	 * Canonical name (e.g. {@code spring.kafka.bootstrap-servers}) to whether it is a
	 * map.
	 */
	private final Map<String, Boolean> properties = new HashMap<>();

	private final Map<String, Object> applicationYml = new HashMap<>();

	private ComposeAppProperties() {
	}

	/**
	 * Read a Spring Boot fat jar.
	 * @param jar the jar, e.g. {@code worker/target/sluice-worker.jar}
	 * @return its properties
	 * @throws IOException if the jar cannot be read
	 */
	static ComposeAppProperties of(Path jar) throws IOException {
		ComposeAppProperties known = new ComposeAppProperties();
		try (InputStream in = Files.newInputStream(jar)) {
			known.scan(in, true);
		}
		return known;
	}

	/**
	 * Whether Spring Boot binds an environment variable to a known property: underscores
	 * stand for dots and, in the legacy form, for dashes, or dashes are dropped
	 * ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS} and {@code SPRING_KAFKA_BOOTSTRAPSERVERS}
	 * both bind to {@code spring.kafka.bootstrap-servers}); below a map property any name
	 * binds ({@code LOGGING_LEVEL_ROOT}).
	 * @param variable the environment variable
	 * @return whether it binds
	 */
	boolean binds(String variable) {
		List<String> tokens = Arrays.asList(variable.toLowerCase(Locale.ROOT).split("_"));
		for (Map.Entry<String, Boolean> property : this.properties.entrySet()) {
			List<String> dashesAsDots = Arrays.asList(property.getKey().replace('-', '.').split("\\."));
			List<String> dashesDropped = Arrays.asList(property.getKey().replace("-", "").split("\\."));
			if (tokens.equals(dashesAsDots) || tokens.equals(dashesDropped)) {
				return true;
			}
			if (property.getValue() && tokens.size() > dashesAsDots.size()
					&& tokens.subList(0, dashesAsDots.size()).equals(dashesAsDots)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The value {@code application.yml} sets.
	 * @param property the canonical name, e.g. {@code server.port}
	 * @return the value, or {@code null}
	 */
	Object configured(String property) {
		return this.applicationYml.get(property);
	}

	int propertyCount() {
		return this.properties.size();
	}

	private void scan(InputStream jar, boolean outer) throws IOException {
		ZipInputStream zip = new ZipInputStream(jar);
		ZipEntry entry;
		while ((entry = zip.getNextEntry()) != null) {
			String name = entry.getName();
			if (outer && name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
				scan(new ByteArrayInputStream(zip.readAllBytes()), false);
			}
			else if (name.endsWith(METADATA) || name.endsWith(ADDITIONAL_METADATA)) {
				readMetadata(zip.readAllBytes());
			}
			else if (outer && name.equals("BOOT-INF/classes/application.yml")) {
				readApplicationYml(zip.readAllBytes());
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void readMetadata(byte[] json) {
		Map<String, Object> metadata = JsonCodec.MAPPER.readValue(json, Map.class);
		for (Object item : (List<Object>) metadata.getOrDefault("properties", List.of())) {
			Map<String, Object> property = (Map<String, Object>) item;
			String type = String.valueOf(property.get("type"));
			this.properties.merge(String.valueOf(property.get("name")), type.startsWith("java.util.Map"),
					Boolean::logicalOr);
		}
	}

	private void readApplicationYml(byte[] yaml) {
		for (Object document : new Yaml().loadAll(new ByteArrayInputStream(yaml))) {
			flatten("", document);
		}
	}

	private void flatten(String prefix, Object value) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, child));
		}
		else {
			this.applicationYml.put(prefix, value);
			this.properties.putIfAbsent(prefix, false);
		}
	}

}
