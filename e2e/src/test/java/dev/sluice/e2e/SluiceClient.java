package dev.sluice.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.sluice.contract.JsonCodec;
import tools.jackson.databind.JsonNode;

/**
 * A client of the HTTP contract, speaking to one ingress.
 */
final class SluiceClient {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	SluiceClient(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	CompletableFuture<Response> submit(String query, Map<String, Object> params) {
		return HTTP.sendAsync(submission(query, params), HttpResponse.BodyHandlers.ofString()).thenApply(Response::of);
	}

	/**
	 * Like {@link #submit(String, Map)}, for a client behind a load balancer: an answer
	 * whose body is not JSON, such as the balancer's own {@code 502} or {@code 503} page,
	 * comes back with its status and no body instead of failing.
	 */
	CompletableFuture<Response> submitAcceptingAnyBody(String query, Map<String, Object> params) {
		return HTTP.sendAsync(submission(query, params), HttpResponse.BodyHandlers.ofString())
			.thenApply(Response::ofAnyBody);
	}

	private HttpRequest submission(String query, Map<String, Object> params) {
		String body = new String(JsonCodec.encode(Map.of("query", query, "params", params)));
		return HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/queries"))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	/**
	 * The status document, long-polling up to {@code waitSeconds} for a terminal state.
	 */
	CompletableFuture<Response> status(String id, int waitSeconds) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/queries/" + id))
			.timeout(Duration.ofSeconds(waitSeconds + 30L));
		if (waitSeconds > 0) {
			request.header("Prefer", "wait=" + waitSeconds);
		}
		return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(Response::of);
	}

	Response statusNow(String id) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.baseUrl + "/v1/queries/" + id))
			.timeout(Duration.ofSeconds(10))
			.build();
		return Response.of(HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
	}

	/**
	 * @param status the HTTP status
	 * @param body the JSON body, or {@code null} if empty
	 * @param retryAfter the {@code Retry-After} header, or {@code null} if absent
	 */
	record Response(int status, JsonNode body, String retryAfter) {

		static Response of(HttpResponse<String> response) {
			String text = response.body();
			JsonNode body = (text == null || text.isBlank()) ? null : JsonCodec.MAPPER.readTree(text);
			return new Response(response.statusCode(), body, response.headers().firstValue("Retry-After").orElse(null));
		}

		static Response ofAnyBody(HttpResponse<String> response) {
			String type = response.headers().firstValue("Content-Type").orElse("");
			return type.contains("json") ? of(response) : new Response(response.statusCode(), null,
					response.headers().firstValue("Retry-After").orElse(null));
		}

		String id() {
			return this.body.get("id").asString();
		}

		String state() {
			return this.body.get("state").asString();
		}

		/**
		 * @return the rows of the result in a terminal status document, each value as
		 * text
		 */
		List<List<String>> rows() {
			List<List<String>> rows = new ArrayList<>();
			for (JsonNode row : this.body.get("result").get("rows")) {
				List<String> values = new ArrayList<>();
				for (JsonNode value : row) {
					values.add(value.isNull() ? null : value.asString());
				}
				rows.add(values);
			}
			return rows;
		}

		boolean isTerminal() {
			return this.body != null && this.body.has("state") && !"QUEUED".equals(state())
					&& !"RUNNING".equals(state());
		}

	}

}
