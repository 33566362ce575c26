package dev.sluice.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One rendered Kubernetes object.
 *
 * @param source where it came from, e.g. {@code overlays/example <- base/worker-pdb.yaml}
 * @param document the object as YAML maps and lists
 */
record Manifest(String source, Map<String, Object> document) {

	String kind() {
		return String.valueOf(this.document.get("kind"));
	}

	String name() {
		return String.valueOf(at("metadata", "name"));
	}

	/**
	 * The value at a path of map keys and list indexes, or {@code null} when any step is
	 * absent.
	 */
	@Nullable Object at(Object... path) {
		return dig(this.document, path);
	}

	static @Nullable Object dig(@Nullable Object node, Object... path) {
		Object current = node;
		for (Object step : path) {
			if (current instanceof Map<?, ?> map) {
				current = map.get(step);
			}
			else if (current instanceof List<?> list && step instanceof Integer index && index < list.size()) {
				current = list.get(index);
			}
			else {
				return null;
			}
		}
		return current;
	}

	/** A list node as a list, empty when absent. */
	static List<Object> list(@Nullable Object node) {
		return (node instanceof List<?> list) ? new ArrayList<>(list) : List.of();
	}

	static Map<Object, Object> map(@Nullable Object node) {
		return (node instanceof Map<?, ?> map) ? new LinkedHashMap<>(map) : Map.of();
	}

	@Override
	public String toString() {
		return kind() + "/" + name() + " (" + this.source + ")";
	}

}
