package dev.sluice.ingress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages depend on each other in one direction only: the HTTP features
 * build on the materialized results, which build on the Kafka wiring, and nothing depends
 * on the HTTP features. Submission also reads the queue's estimate (admission control).
 */
class PackageStructureTests {

	private static final Path SOURCES = Path.of("src/main/java/dev/sluice/ingress");

	private static final Pattern REFERENCE = Pattern.compile("dev\\.sluice\\.ingress\\.(\\w+)\\.[A-Z]");

	private static final Map<String, Set<String>> ALLOWED = Map.of("problem", Set.of(), "kafka", Set.of("problem"),
			"results", Set.of("kafka"), "status", Set.of("results", "kafka", "problem"), "submit",
			Set.of("status", "results", "kafka", "problem", "queue", "clients"), "catalog", Set.of("clients"), "queue",
			Set.of(), "console", Set.of("results"), "readiness", Set.of(), "clients", Set.of("problem"));

	@Test
	void featuresDependOnlyOnTheLayersBelowThem() throws IOException {
		Map<String, Set<String>> actual = dependencies();

		assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
		actual.forEach((feature, uses) -> assertThat(uses).as(feature).isSubsetOf(ALLOWED.get(feature)));
	}

	private static Map<String, Set<String>> dependencies() throws IOException {
		Map<String, Set<String>> dependencies = new TreeMap<>();
		try (Stream<Path> packages = Files.list(SOURCES)) {
			for (Path feature : packages.filter(Files::isDirectory).toList()) {
				String name = feature.getFileName().toString();
				Set<String> uses = new TreeSet<>();
				try (Stream<Path> files = Files.walk(feature)) {
					for (Path file : files.filter((path) -> path.toString().endsWith(".java")).toList()) {
						Matcher matcher = REFERENCE.matcher(Files.readString(file));
						while (matcher.find()) {
							uses.add(matcher.group(1));
						}
					}
				}
				uses.remove(name);
				dependencies.put(name, uses);
			}
		}
		return dependencies;
	}

}
