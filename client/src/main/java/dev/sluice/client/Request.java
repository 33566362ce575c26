package dev.sluice.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One call of the API, as the {@link Transport} sends it on every attempt.
 *
 * @param method the HTTP method
 * @param path the path below the client's base URL, without a leading {@code /}
 * @param json the JSON body, or {@code null}
 * @param headers extra request headers
 * @param heldFor how long the server may hold the answer ({@code Prefer: wait}); added to
 * the request timeout
 * @param accept the media type of the expected answer
 * @param description what the call does, for messages, e.g.
 * {@code Submitting 'customer_orders'}
 */
record Request(String method, String path, byte @Nullable [] json, Map<String, String> headers, Duration heldFor,
		String accept, String description) {

	static final String JSON = "application/json";

	static final String EVENT_STREAM = "text/event-stream";

	Request {
		headers = Map.copyOf(headers);
	}

	static Request get(String path, String description) {
		return new Request("GET", path, null, Map.of(), Duration.ZERO, JSON, description);
	}

	static Request post(String path, byte[] json, String description) {
		return new Request("POST", path, json, Map.of(), Duration.ZERO, JSON, description);
	}

	static Request delete(String path, String description) {
		return new Request("DELETE", path, null, Map.of(), Duration.ZERO, JSON, description);
	}

	Request header(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(this.headers);
		more.put(name, value);
		return new Request(this.method, this.path, this.json, more, this.heldFor, this.accept, this.description);
	}

	/**
	 * The same call with {@code Prefer: wait=N}.
	 * @param seconds N, at least 1
	 * @return the long-polling call
	 */
	Request preferWait(long seconds) {
		return new Request(this.method, this.path, this.json, this.headers, Duration.ofSeconds(seconds), this.accept,
				this.description)
			.header("Prefer", "wait=" + seconds);
	}

	Request accepting(String mediaType) {
		return new Request(this.method, this.path, this.json, this.headers, this.heldFor, mediaType, this.description);
	}

}
