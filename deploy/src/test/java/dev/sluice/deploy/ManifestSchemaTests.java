package dev.sluice.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sluice.deploy.Renderings.Rendering;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rendered manifest validates against the schema of its kind: Kubernetes' OpenAPI
 * and KEDA's CRD, as packaged on npm (deploy/schema/package.json, installed by the build
 * before the tests). Unknown fields count as errors. Needs {@code node} on the PATH.
 */
class ManifestSchemaTests {

	private static final Path TARGET = Path.of("target", "schema-check");

	@Test
	void everyRenderedManifestValidatesAgainstItsSchema() throws Exception {
		List<Map<String, Object>> manifests = new ArrayList<>();
		for (Rendering rendering : Renderings.all()) {
			for (Manifest manifest : rendering.manifests()) {
				manifests.add(Map.of("source", rendering + ": " + manifest.source(), "document", manifest.document()));
			}
		}
		for (Path example : List.of(Path.of("examples/database-secret.yaml"),
				Path.of("examples/client-keys-secret.yaml"))) {
			for (Map<String, Object> document : Kustomization.loadAll(Renderings.KUBERNETES.resolve(example))) {
				manifests.add(Map.of("source", example.toString(), "document", document));
			}
		}
		Result result = validate("manifests", manifests);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains(manifests.size() + " manifests valid");
	}

	@Test
	void theSchemaCheckRejectsUnknownFieldsWrongTypesAndMissingFields() throws Exception {
		Map<String, Object> deployment = Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata",
				Map.of("name", "broken"), "spec", Map.of("replicas", "two", "template", Map.of("spec",
						Map.of("containers", List.of(Map.of("name", "c", "image", "i", "readinesProbe", Map.of()))))));
		Map<String, Object> scaledObject = Map.of("apiVersion", "keda.sh/v1alpha1", "kind", "ScaledObject", "metadata",
				Map.of("name", "broken"), "spec", Map.of("scaleTargetRef", Map.of("name", "w"), "maxReplicaCount", "12",
						"triggers", List.of(Map.of("type", "kafka", "metadata", Map.of()))));
		Result result = validate("broken", List.of(Map.of("source", "broken.yaml", "document", deployment),
				Map.of("source", "broken.yaml", "document", scaledObject)));
		assertThat(result.exitCode()).isEqualTo(1);
		assertThat(result.output()).contains("Deployment/broken: data/spec must have required property selector")
			.contains("replicas must be integer")
			.contains("'\"readinesProbe\"' does not exist in type 'IContainer'")
			.contains("ScaledObject/broken: data/spec/maxReplicaCount must be integer");
	}

	private static Result validate(String name, List<Map<String, Object>> manifests)
			throws IOException, InterruptedException {
		Path work = TARGET.resolve(name);
		Files.createDirectories(work);
		Path input = work.resolve("manifests.json");
		Files.writeString(input, JsonMapper.builder().build().writeValueAsString(manifests));
		Process node = new ProcessBuilder("node", "schema/validate.cjs", input.toString(), work.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		boolean ended = node.waitFor(1, TimeUnit.MINUTES);
		assertThat(ended).as("node schema/validate.cjs ended within 5 minutes: " + output).isTrue();
		return new Result(node.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

}
