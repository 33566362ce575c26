package dev.sluice.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of JSON Patch (RFC 6902) the overlays use: {@code add}, {@code replace} and
 * {@code remove} on object members and list indexes ({@code -} appends). Anything else is
 * refused, so that an overlay cannot use more than these tests render.
 */
final class JsonPatch {

	private JsonPatch() {
	}

	static void apply(List<?> operations, Map<String, Object> document, String source) {
		for (Object operation : operations) {
			if (!(operation instanceof Map<?, ?> op) || !(op.get("op") instanceof String name)
					|| !(op.get("path") instanceof String path)) {
				throw new IllegalArgumentException(source + ": each patch operation needs 'op' and 'path'");
			}
			List<String> tokens = tokens(path, source);
			Object parent = resolveParent(document, tokens, source);
			String last = tokens.get(tokens.size() - 1);
			switch (name) {
				case "add" -> add(parent, last, op, source, path);
				case "replace" -> replace(parent, last, op, source, path);
				case "remove" -> remove(parent, last, source, path);
				default -> throw new IllegalArgumentException(
						source + ": patch op '" + name + "' is not supported here; use add, replace or remove");
			}
		}
	}

	private static List<String> tokens(String path, String source) {
		if (!path.startsWith("/")) {
			throw new IllegalArgumentException(source + ": patch path '" + path + "' must start with '/'");
		}
		List<String> tokens = new ArrayList<>();
		for (String token : path.substring(1).split("/", -1)) {
			tokens.add(token.replace("~1", "/").replace("~0", "~"));
		}
		return tokens;
	}

	private static Object resolveParent(Map<String, Object> document, List<String> tokens, String source) {
		Object current = document;
		for (String token : tokens.subList(0, tokens.size() - 1)) {
			Object next = (current instanceof List<?> list) ? list.get(index(token, list.size() - 1, source))
					: (current instanceof Map<?, ?> map) ? map.get(token) : null;
			if (next == null) {
				throw new IllegalArgumentException(
						source + ": patch path " + String.join("/", tokens) + ": no '" + token + "'");
			}
			current = next;
		}
		return current;
	}

	@SuppressWarnings("unchecked")
	private static void add(Object parent, String last, Map<?, ?> op, String source, String path) {
		Object value = value(op, source, path);
		if (parent instanceof List<?> list) {
			int index = last.equals("-") ? list.size() : index(last, list.size(), source);
			((List<Object>) list).add(index, value);
		}
		else {
			((Map<String, Object>) parent).put(last, value);
		}
	}

	@SuppressWarnings("unchecked")
	private static void replace(Object parent, String last, Map<?, ?> op, String source, String path) {
		Object value = value(op, source, path);
		if (parent instanceof List<?> list) {
			((List<Object>) list).set(index(last, list.size() - 1, source), value);
		}
		else if (parent instanceof Map<?, ?> map && map.containsKey(last)) {
			((Map<String, Object>) parent).put(last, value);
		}
		else {
			throw new IllegalArgumentException(source + ": replace " + path + ": nothing there to replace");
		}
	}

	private static void remove(Object parent, String last, String source, String path) {
		if (parent instanceof List<?> list) {
			list.remove(index(last, list.size() - 1, source));
		}
		else if (parent instanceof Map<?, ?> map && map.containsKey(last)) {
			map.remove(last);
		}
		else {
			throw new IllegalArgumentException(source + ": remove " + path + ": nothing there to remove");
		}
	}

	private static Object value(Map<?, ?> op, String source, String path) {
		if (!op.containsKey("value")) {
			throw new IllegalArgumentException(source + ": " + op.get("op") + " " + path + " needs a 'value'");
		}
		return op.get("value");
	}

	private static int index(String token, int max, String source) {
		try {
			int index = Integer.parseInt(token);
			if (index >= 0 && index <= max) {
				return index;
			}
		}
		catch (NumberFormatException ex) {
			// Falls through to the message below.
		}
		throw new IllegalArgumentException(source + ": '" + token + "' is not a list index from 0 to " + max);
	}

}
