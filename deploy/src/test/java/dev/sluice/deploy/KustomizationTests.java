package dev.sluice.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KustomizationTests {

	@TempDir
	Path root;

	@Test
	void overlayAppliesNamespaceImagesAndJson6902Patches() throws IOException {
		write("base/kustomization.yaml", "resources: [deployment.yaml, config.yaml]");
		write("base/deployment.yaml", """
				apiVersion: apps/v1
				kind: Deployment
				metadata: {name: app}
				spec:
				  template:
				    spec:
				      containers: [{name: app, image: "app:1"}, {name: other, image: "other:1"}]
				""");
		write("base/config.yaml", """
				apiVersion: v1
				kind: ConfigMap
				metadata: {name: env, annotations: {example.dev/a: "1"}}
				data: {HOST: placeholder, GONE: x}
				""");
		write("overlay/kustomization.yaml", """
				namespace: prod
				resources: [../base]
				images: [{name: app, newName: registry.example.com/app, newTag: "2"}]
				patches: [{path: patch.yaml, target: {kind: ConfigMap, name: env}}]
				""");
		write("overlay/patch.yaml", """
				- {op: replace, path: /data/HOST, value: kafka:9092}
				- {op: add, path: /data/NEW, value: "1"}
				- {op: remove, path: /data/GONE}
				- {op: replace, path: /metadata/annotations/example.dev~1a, value: "2"}
				""");
		List<Manifest> manifests = new Kustomization(this.root).render(this.root.resolve("overlay"));
		assertThat(manifests).extracting(Manifest::name).containsExactly("app", "env");
		assertThat(manifests).allMatch((manifest) -> "prod".equals(manifest.at("metadata", "namespace")));
		assertThat(manifests.get(0).at("spec", "template", "spec", "containers", 0, "image"))
			.isEqualTo("registry.example.com/app:2");
		assertThat(manifests.get(0).at("spec", "template", "spec", "containers", 1, "image")).isEqualTo("other:1");
		assertThat(manifests.get(1).at("data")).isEqualTo(java.util.Map.of("HOST", "kafka:9092", "NEW", "1"));
		assertThat(manifests.get(1).at("metadata", "annotations", "example.dev/a")).isEqualTo("2");
		assertThat(manifests.get(1).source()).isEqualTo("overlay <- base/config.yaml");
	}

	@Test
	void fieldOutsideTheRenderedSubsetIsRefused() throws IOException {
		write("kustomization.yaml", "resources: []\ncommonLabels: {a: b}");
		assertThatIllegalArgumentException().isThrownBy(() -> new Kustomization(this.root).render(this.root))
			.withMessageContaining("'commonLabels' is not rendered by deploy/src/test");
	}

	@Test
	void imageDigestIsRefused() throws IOException {
		write("kustomization.yaml", "resources: []\nimages: [{name: app, digest: 'sha256:00'}]");
		assertThatIllegalArgumentException().isThrownBy(() -> new Kustomization(this.root).render(this.root))
			.withMessageContaining("images.digest is not rendered by deploy/src/test");
	}

	@Test
	void strategicMergePatchIsRefused() throws IOException {
		write("kustomization.yaml",
				"resources: [c.yaml]\npatches: [{path: p.yaml, target: {kind: ConfigMap, name: c}}]");
		write("c.yaml", "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}");
		write("p.yaml", "{metadata: {name: c}, data: {a: b}}");
		assertThatIllegalArgumentException().isThrownBy(() -> new Kustomization(this.root).render(this.root))
			.withMessageContaining("only JSON 6902 patches");
	}

	@Test
	void replaceOfAnAbsentFieldIsRefused() throws IOException {
		write("kustomization.yaml",
				"resources: [c.yaml]\npatches: [{path: p.yaml, target: {kind: ConfigMap, name: c}}]");
		write("c.yaml", "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {}}");
		write("p.yaml", "[{op: replace, path: /data/TYPO, value: x}]");
		assertThatIllegalArgumentException().isThrownBy(() -> new Kustomization(this.root).render(this.root))
			.withMessageContaining("replace /data/TYPO: nothing there to replace");
	}

	@Test
	void unsupportedPatchOperationIsRefused() throws IOException {
		write("kustomization.yaml",
				"resources: [c.yaml]\npatches: [{path: p.yaml, target: {kind: ConfigMap, name: c}}]");
		write("c.yaml", "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: b}}");
		write("p.yaml", "[{op: move, from: /data/a, path: /data/b}]");
		assertThatIllegalArgumentException().isThrownBy(() -> new Kustomization(this.root).render(this.root))
			.withMessageContaining("patch op 'move' is not supported here");
	}

	private void write(String path, String content) throws IOException {
		Path file = this.root.resolve(path);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
	}

}
