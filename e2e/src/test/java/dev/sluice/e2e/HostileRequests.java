package dev.sluice.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Generates requests a careless or hostile client sends: malformed and deeply nested
 * JSON, huge numbers, invalid UTF-8, odd {@code Content-Type}, {@code Accept},
 * {@code Prefer} and {@code Idempotency-Key} headers, odd ids and methods. Drawn from a
 * seed, so a failure names a request that can be sent again.
 */
final class HostileRequests {

	private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json;charset=ISO-8859-1",
			"text/plain", "application/xml", "application/problem+json", "multipart/form-data; boundary=x",
			"application/x-www-form-urlencoded", "*/*", "application/json; charset=utf-16", "garbage");

	private static final List<String> ACCEPTS = List.of("*/*", "application/json", "text/csv", "text/html",
			"application/xml", "application/problem+json", "text/event-stream", "image/png;q=0.1", "garbage", "");

	private static final List<String> PREFERS = List.of("wait=0", "wait=1", "wait=-1", "wait=abc", "respond-async",
			"wait=99999999999999999999", "wait=1, wait=2", "return=minimal", ";;;", "wait=1.5");

	private static final List<String> KEYS = List.of("k", "x".repeat(300), "ü-key", " ", "key with spaces", "\t", "a,b",
			"0");

	private static final List<String> IDS = List.of("%00", "%2e%2e%2fcatalog", "..", "%FF%FE", "%25", "a;b",
			"%0d%0aSet-Cookie:x", "q_" + "A".repeat(26), "q_01JD7Q8M3K0000000000000000", "x".repeat(3000), "%C0%AF",
			"..%2F..%2Factuator", "q_%00", "*", "%7E%7E", "%E2%80%AE");

	private static final List<String> QUERIES = List.of("\"item\"", "\"group_total\"", "\"nope\"", "null", "1", "[]",
			"{}", "\"\"", "\"item\\u0000\"");

	private static final List<String> VALUES = List.of("1", "-1", "0", "1e400", "1" + "0".repeat(400),
			"12345678901234567890123", "1.5", "\"1\"", "\"abc\"", "null", "true", "[]", "{}", "\"\\ud800\"",
			"9223372036854775808", "-9223372036854775809");

	private final Random random;

	private final String baseUrl;

	HostileRequests(String baseUrl, long seed) {
		this.baseUrl = baseUrl;
		this.random = new Random(seed);
	}

	HttpRequest next() {
		return switch (this.random.nextInt(6)) {
			case 0, 1, 2 -> post();
			case 3 -> get("/v1/queries/" + pick(IDS) + (this.random.nextInt(4) == 0 ? "/events" : ""), "GET");
			case 4 -> get("/v1/queries/" + pick(IDS), "DELETE");
			default -> get(pick(List.of("/v1/queries", "/v1/catalog", "/v1/queries/x/y/z", "/v1/%00")),
					pick(List.of("PUT", "PATCH", "DELETE", "GET", "OPTIONS")));
		};
	}

	private HttpRequest post() {
		HttpRequest.Builder request = builder("/v1/queries");
		if (this.random.nextInt(5) > 0) {
			request.header("Content-Type", pick(CONTENT_TYPES));
		}
		headers(request);
		return request.POST(HttpRequest.BodyPublishers.ofByteArray(body())).build();
	}

	private HttpRequest get(String path, String method) {
		HttpRequest.Builder request = builder(path);
		headers(request);
		return request.method(method, HttpRequest.BodyPublishers.noBody()).build();
	}

	private HttpRequest.Builder builder(String path) {
		return HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(20));
	}

	private void headers(HttpRequest.Builder request) {
		if (this.random.nextBoolean()) {
			String accept = pick(ACCEPTS);
			if (!accept.isEmpty()) {
				request.header("Accept", accept);
			}
		}
		if (this.random.nextInt(3) == 0) {
			request.header("Prefer", pick(PREFERS));
		}
		if (this.random.nextInt(4) == 0) {
			request.header("Idempotency-Key", pick(KEYS) + this.random.nextInt(1000));
		}
		if (this.random.nextInt(20) == 0) {
			request.header("X-Pad", "p".repeat(12_000));
		}
	}

	private byte[] body() {
		return switch (this.random.nextInt(7)) {
			case 0 -> {
				byte[] bytes = new byte[this.random.nextInt(200)];
				this.random.nextBytes(bytes);
				yield bytes;
			}
			case 1 -> ("[".repeat(2000 + this.random.nextInt(3000))).getBytes(StandardCharsets.UTF_8);
			case 2 -> ("{\"query\": \"item\", \"params\": {\"id\": " + "[".repeat(1500) + "1" + "]".repeat(1500) + "}}")
				.getBytes(StandardCharsets.UTF_8);
			case 3 -> new byte[] { '{', '"', 'q', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}' };
			default -> submission();
		};
	}

	private byte[] submission() {
		StringBuilder body = new StringBuilder("{\"query\": ").append(pick(QUERIES));
		if (this.random.nextInt(4) > 0) {
			body.append(", \"params\": {");
			int count = this.random.nextInt(4);
			for (int i = 0; i < count; i++) {
				body.append((i > 0) ? ", " : "")
					.append(pick(List.of("\"id\"", "\"grp\"", "\"minId\"", "\"x\"", "\"\"")))
					.append(": ")
					.append(pick(VALUES));
			}
			body.append('}');
		}
		if (this.random.nextInt(4) == 0) {
			body.append(", \"timeoutMs\": ").append(pick(VALUES));
		}
		String text = body.append(this.random.nextInt(10) == 0 ? "" : "}").toString();
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private <T> T pick(List<T> items) {
		return items.get(this.random.nextInt(items.size()));
	}

}
