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
 * build on the view materialized from the results topic, which builds on the Kafka
 * wiring. Submission and cancellation answer as reading does ({@code query}), and
 * submission also reads the queue's estimate (admission control).
 */
class PackageStructureTests {

	private static final Path SOURCES = Path.of("src/main/java/dev/sluice/ingress");

	private static final Pattern REFERENCE = Pattern.compile("dev\\.sluice\\.ingress\\.(\\w+)\\.[A-Z]");

	private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(Map.entry("problem", Set.of()),
			Map.entry("kafka", Set.of("problem")), Map.entry("view", Set.of("kafka")),
			Map.entry("query", Set.of("view", "kafka", "problem")),
			Map.entry("cancel", Set.of("query", "view", "kafka", "problem")),
			Map.entry("submit", Set.of("query", "view", "kafka", "problem", "queue")), Map.entry("catalog", Set.of()),
			Map.entry("queue", Set.of()), Map.entry("console", Set.of("view")), Map.entry("readiness", Set.of()));

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
