package dev.sluice.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Renders a kustomization as {@code kubectl apply -k} would, for the subset of Kustomize
 * that deploy/kubernetes uses: {@code resources} (files, or folders holding a
 * kustomization.yaml), {@code namespace}, {@code images} ({@code name}, {@code newName},
 * {@code newTag}) and {@code patches} that are JSON 6902 operation lists in a file, with
 * a {@code target} of {@code kind} and {@code name}. Any other field is refused, so that
 * an overlay cannot use a feature these tests do not render.
 */
final class Kustomization {

	private static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "namespace", "images",
			"patches");

	private final Path root;

	/**
	 * @param root the folder the sources are named relative to
	 */
	Kustomization(Path root) {
		this.root = root;
	}

	List<Manifest> render(Path directory) {
		Map<String, Object> kustomization = loadOne(directory.resolve("kustomization.yaml"));
		String where = this.root.relativize(directory).toString();
		for (String field : kustomization.keySet()) {
			if (!FIELDS.contains(field)) {
				throw new IllegalArgumentException(
						where + "/kustomization.yaml: '" + field + "' is not rendered by deploy/src/test (supported: "
								+ FIELDS.stream().sorted().toList() + ")");
			}
		}
		List<Manifest> manifests = new ArrayList<>();
		for (Object resource : list(kustomization.get("resources"))) {
			Path path = directory.resolve(String.valueOf(resource)).normalize();
			if (Files.isDirectory(path)) {
				render(path).forEach((manifest) -> manifests
					.add(new Manifest(where + " <- " + manifest.source(), manifest.document())));
			}
			else {
				for (Map<String, Object> document : loadAll(path)) {
					manifests.add(new Manifest(this.root.relativize(path).toString(), document));
				}
			}
		}
		for (Object patch : list(kustomization.get("patches"))) {
			patch(directory, where, only(where, "patches", (Map<?, ?>) patch, "path", "target"), manifests);
		}
		for (Object image : list(kustomization.get("images"))) {
			image(only(where, "images", (Map<?, ?>) image, "name", "newName", "newTag"), manifests);
		}
		if (kustomization.get("namespace") instanceof String namespace) {
			for (Manifest manifest : manifests) {
				metadata(manifest).put("namespace", namespace);
			}
		}
		return manifests;
	}

	private void patch(Path directory, String where, Map<?, ?> patch, List<Manifest> manifests) {
		Path file = directory.resolve(String.valueOf(patch.get("path")));
		Object target = patch.get("target");
		Object kind = Manifest.dig(target, "kind");
		Object name = Manifest.dig(target, "name");
		if (kind == null || name == null || ((Map<?, ?>) target).size() != 2) {
			throw new IllegalArgumentException(where + ": a patch needs a target of exactly 'kind' and 'name'");
		}
		List<Manifest> targets = manifests.stream()
			.filter((manifest) -> manifest.kind().equals(kind) && manifest.name().equals(name))
			.toList();
		if (targets.size() != 1) {
			throw new IllegalArgumentException(where + ": patch " + file.getFileName() + " matches " + targets.size()
					+ " objects " + kind + "/" + name + ", not one");
		}
		Object operations = new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
		if (!(operations instanceof List<?> list)) {
			throw new IllegalArgumentException(
					this.root.relativize(file) + ": only JSON 6902 patches (a list of operations) are rendered");
		}
		JsonPatch.apply(list, targets.get(0).document(), this.root.relativize(file).toString());
	}

	private static Map<?, ?> only(String where, String field, Map<?, ?> entry, String... keys) {
		for (Object key : entry.keySet()) {
			if (!List.of(keys).contains(key)) {
				throw new IllegalArgumentException(where + "/kustomization.yaml: " + field + "." + key
						+ " is not rendered by deploy/src/test (supported: " + List.of(keys) + ")");
			}
		}
		return entry;
	}

	@SuppressWarnings("unchecked")
	private static void image(Map<?, ?> image, List<Manifest> manifests) {
		String name = String.valueOf(image.get("name"));
		for (Manifest manifest : manifests) {
			for (Object container : list(manifest.at("spec", "template", "spec", "containers"))) {
				Map<String, Object> fields = (Map<String, Object>) container;
				String current = String.valueOf(fields.get("image"));
				int colon = current.lastIndexOf(':');
				String repository = (colon > current.lastIndexOf('/')) ? current.substring(0, colon) : current;
				String tag = (colon > current.lastIndexOf('/')) ? current.substring(colon + 1) : "latest";
				if (repository.equals(name)) {
					Object newName = image.get("newName");
					Object newTag = image.get("newTag");
					fields.put("image",
							((newName != null) ? newName : repository) + ":" + ((newTag != null) ? newTag : tag));
				}
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> metadata(Manifest manifest) {
		return (Map<String, Object>) manifest.document().computeIfAbsent("metadata", (key) -> new LinkedHashMap<>());
	}

	private static List<?> list(Object value) {
		return (value instanceof List<?> list) ? list : List.of();
	}

	static Map<String, Object> loadOne(Path file) {
		List<Map<String, Object>> documents = loadAll(file);
		if (documents.size() != 1) {
			throw new IllegalArgumentException(file + ": expected one YAML document, found " + documents.size());
		}
		return documents.get(0);
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> loadAll(Path file) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(read(file))) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

}
