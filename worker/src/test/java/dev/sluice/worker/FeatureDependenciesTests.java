package dev.sluice.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The features of the worker depend on each other only as designed: {@code consume} hands
 * records to {@code pipeline}, which orchestrates the others; they know nothing of either
 * or of each other, and {@code readiness} only reads the consumer. Checked on the
 * compiled classes, whose constant pools name every class they use.
 */
class FeatureDependenciesTests {

	private static final Path CLASSES = Path.of("target", "classes", "dev", "sluice", "worker");

	private static final Pattern FEATURE_REFERENCE = Pattern.compile("dev/sluice/worker/([a-z]+)/");

	static Stream<Map.Entry<String, Set<String>>> allowed() {
		return Map
			.of("consume", Set.of("pipeline"), "pipeline", Set.of("cache", "cancel", "execute", "publish"), "cache",
					Set.<String>of(), "cancel", Set.<String>of(), "execute", Set.<String>of(), "publish",
					Set.<String>of(), "readiness", Set.of("consume"), "startup", Set.<String>of())
			.entrySet()
			.stream();
	}

	@ParameterizedTest
	@MethodSource("allowed")
	void featureUsesOnlyTheFeaturesItIsMeantTo(Map.Entry<String, Set<String>> feature) throws IOException {
		assertThat(referencedFeatures(feature.getKey())).isSubsetOf(feature.getValue());
	}

	private static Set<String> referencedFeatures(String feature) throws IOException {
		Path directory = CLASSES.resolve(feature);
		assertThat(directory).as("compiled classes of %s", feature).isDirectory();
		Set<String> referenced = new TreeSet<>();
		try (Stream<Path> classes = Files.list(directory)) {
			for (Path file : classes.filter((path) -> path.toString().endsWith(".class")).toList()) {
				Matcher matcher = FEATURE_REFERENCE
					.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
				while (matcher.find()) {
					referenced.add(matcher.group(1));
				}
			}
		}
		referenced.remove(feature);
		return referenced;
	}

}
