package dev.sluice.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * A client of one Sluice ingress: submits catalog queries and hands back a
 * {@link QueryHandle} to wait for, stream or cancel each. Immutable and thread-safe:
 * build one per base URL and share it; {@link #close()} it when done.
 *
 * <pre>{@code
 * SluiceClient sluice = SluiceClient.builder(URI.create("http://127.0.0.1:8080"))
 *     .apiKey(System.getenv("SLUICE_API_KEY"))
 *     .requestTimeout(Duration.ofSeconds(10))
 *     .build();
 *
 * // Submit and wait, in one call:
 * QueryStatus orders = sluice.run("customer_orders", Map.of("customerId", 42, "limit", 3),
 *         Duration.ofSeconds(10));
 *
 * // Or submit now, and follow it later:
 * QueryHandle handle = sluice.submit("top_products",
 *         Map.of("category", "kitchen", "since", OffsetDateTime.parse("2025-12-01T00:00:00Z")));
 * QueryStatus products = handle.await(Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>
 * Every call is tried again, within the {@link RetryPolicy}, when the server cannot take
 * it now ({@code 429}, {@code 503}, a lost connection), after the wait the server asks
 * for in {@code Retry-After} or its {@code RateLimit} fields. A submission always carries
 * an {@code Idempotency-Key}, the same on every attempt, so a retried submission is
 * queued at most once. Errors are {@link SluiceProblemException}s, carrying the server's
 * problem document, or {@link SluiceException}s when no answer came.
 */
public final class SluiceClient implements AutoCloseable {

	private final Transport transport;

	private SluiceClient(Transport transport) {
		this.transport = transport;
	}

	/**
	 * Start building a client.
	 * @param baseUrl where the ingress answers, e.g. {@code http://127.0.0.1:8080}; a
	 * path is kept (the API is then below it, e.g.
	 * {@code https://gateway/sluice/v1/queries})
	 * @return the builder
	 * @throws IllegalArgumentException if {@code baseUrl} is not an absolute {@code http}
	 * or {@code https} URL without query or fragment
	 */
	public static Builder builder(URI baseUrl) {
		return new Builder(baseUrl);
	}

	/**
	 * Submits a query ({@code POST /v1/queries}) and returns once the server has queued
	 * it.
	 * @param query the catalog name, e.g. {@code customer_orders}
	 * @param params the parameters by name; values are written as JSON (numbers, strings,
	 * booleans, {@link java.math.BigDecimal}, {@link java.time.LocalDate},
	 * {@link java.time.OffsetDateTime} and {@link java.time.Instant} as ISO-8601, ...)
	 * @return the handle, its status the {@code QUEUED} one (or a later one, for a
	 * submission repeated with the same idempotency key)
	 * @throws SluiceProblemException if the server refuses it: {@code 400} with
	 * {@link SluiceProblemException#errors()} when the query or a parameter is invalid,
	 * {@code 503} when the queue cannot start it in time and retries did not help
	 * @throws SluiceException if the server cannot be reached, or the thread is
	 * interrupted
	 */
	public QueryHandle submit(String query, Map<String, ?> params) {
		return submit(query, params, SubmitOptions.defaults());
	}

	/**
	 * Submits a query with options, such as its deadline or your own idempotency key.
	 * @param query the catalog name
	 * @param params the parameters by name
	 * @param options the options
	 * @return the handle
	 * @throws SluiceProblemException if the server refuses it ({@code 422} when the
	 * idempotency key already names a query of another catalog name)
	 * @throws SluiceException if the server cannot be reached, or the thread is
	 * interrupted
	 * @see #submit(String, Map)
	 */
	public QueryHandle submit(String query, Map<String, ?> params, SubmitOptions options) {
		return submit(query, params, options, 0, null);
	}

	/**
	 * Submits a query and waits for its end: asks the server to hold the submission's
	 * answer until the query ends ({@code Prefer: wait=N}, at most 30 s), then long-polls
	 * until it ends or {@code timeout} passes. Retries of the submission count against
	 * the same {@code timeout}.
	 * @param query the catalog name
	 * @param params the parameters by name
	 * @param timeout how long to wait at most, submission included
	 * @return the status: terminal, or the last one seen when the time ran out (the query
	 * then goes on; {@link #attach(String)} its id to follow it further)
	 * @throws SluiceProblemException if the server refuses the query, or an answer is an
	 * error
	 * @throws SluiceException if the server cannot be reached, or the thread is
	 * interrupted
	 */
	public QueryStatus run(String query, Map<String, ?> params, Duration timeout) {
		return run(query, params, SubmitOptions.defaults(), timeout);
	}

	/**
	 * Submits a query with options and waits for its end.
	 * @param query the catalog name
	 * @param params the parameters by name
	 * @param options the options
	 * @param timeout how long to wait at most, submission included
	 * @return the status: terminal, or the last one seen when the time ran out
	 * @see #run(String, Map, Duration)
	 */
	public QueryStatus run(String query, Map<String, ?> params, SubmitOptions options, Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must not be negative, not " + timeout);
		}
		Instant deadline = this.transport.deadlineAfter(timeout);
		long wait = Math.clamp(timeout.toSeconds(), 0, QueryHandle.MAX_WAIT_SECONDS);
		QueryHandle handle = submit(query, params, options, wait, deadline);
		if (handle.status().isTerminal() || !this.transport.now().isBefore(deadline)) {
			return handle.status();
		}
		return handle.await(deadline);
	}

	/**
	 * A handle on a query submitted earlier, by this client or another: reads its current
	 * status ({@code GET /v1/queries/{id}}).
	 * @param id the query id
	 * @return the handle
	 * @throws SluiceProblemException {@code 404} if no query has this id, or its status
	 * is past retention
	 * @throws SluiceException if the server cannot be reached, or the thread is
	 * interrupted
	 */
	public QueryHandle attach(String id) {
		Request request = Request.get("v1/queries/" + URLEncoder.encode(id, StandardCharsets.UTF_8),
				"Reading query " + id);
		HttpResponse<byte[]> answer = this.transport.exchange(request, null);
		return new QueryHandle(this.transport, StatusDocument.parse(answer.body(), request.description()));
	}

	private QueryHandle submit(String query, Map<String, ?> params, SubmitOptions options, long waitSeconds,
			@Nullable Instant deadline) {
		if (query.isBlank()) {
			throw new IllegalArgumentException("query must name a catalog query, not be blank");
		}
		Request request = Request.post("v1/queries", body(query, params, options), "Submitting '" + query + "'")
			// One key per logical submission, the same on every attempt: a retry after a
			// lost answer or a 503 then finds the query queued by an earlier attempt, or
			// the place the server held for it, instead of queueing it again.
			.header("Idempotency-Key", options.idempotencyKey().orElseGet(() -> UUID.randomUUID().toString()));
		if (waitSeconds > 0) {
			request = request.preferWait(waitSeconds);
		}
		HttpResponse<byte[]> answer = this.transport.exchange(request, deadline);
		return new QueryHandle(this.transport, StatusDocument.parse(answer.body(), request.description()));
	}

	private static byte[] body(String query, Map<String, ?> params, SubmitOptions options) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("query", query);
		body.put("params", params);
		options.timeout().ifPresent((timeout) -> body.put("timeoutMs", timeout.toMillis()));
		try {
			return Json.MAPPER.writeValueAsBytes(body);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"The params of '" + query + "' cannot be written as JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * Stops the client. Calls made afterwards fail; if the client built its own
	 * {@link HttpClient}, calls in flight and open event streams fail too. An
	 * {@code HttpClient} passed to {@link Builder#httpClient} is left open: it is yours.
	 */
	@Override
	public void close() {
		this.transport.close();
	}

	@Override
	public String toString() {
		return "SluiceClient[" + this.transport.baseUrl() + "]";
	}

	/**
	 * Builds a {@link SluiceClient}. Not thread-safe; {@link #build()} may be called more
	 * than once.
	 */
	public static final class Builder {

		private final URI baseUrl;

		private @Nullable String apiKey;

		private @Nullable Duration connectTimeout;

		private Duration requestTimeout = Duration.ofSeconds(10);

		private RetryPolicy retryPolicy = RetryPolicy.defaults();

		private @Nullable HttpClient httpClient;

		private Clock clock = Clock.systemUTC();

		private Pauses pauses = Pauses.SLEEP;

		private Builder(URI baseUrl) {
			this.baseUrl = normalized(baseUrl);
		}

		private static URI normalized(URI baseUrl) {
			String scheme = baseUrl.getScheme();
			if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
					|| !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
				throw new IllegalArgumentException(
						"baseUrl must be an absolute http or https URL such as http://127.0.0.1:8080, not " + baseUrl);
			}
			if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
				throw new IllegalArgumentException("baseUrl must have no query or fragment, not " + baseUrl);
			}
			String path = (baseUrl.getRawPath() == null || baseUrl.getRawPath().isEmpty()) ? "/" : baseUrl.getRawPath();
			return URI.create(
					baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
		}

		/**
		 * The API key, sent as {@code Authorization: Bearer <key>} on every call.
		 * Optional: an ingress that checks no keys ignores it.
		 * @param apiKey the key
		 * @return this builder
		 * @throws IllegalArgumentException if the key is blank or not printable ASCII
		 */
		public Builder apiKey(String apiKey) {
			if (apiKey.isBlank() || !apiKey.chars().allMatch((c) -> c > 0x20 && c < 0x7f)) {
				throw new IllegalArgumentException("apiKey must be printable ASCII without spaces, and not blank");
			}
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * How long to wait for a connection, for the {@link HttpClient} the client builds
		 * (default: the JDK's, no limit). Cannot be combined with {@link #httpClient}:
		 * set it on that client instead.
		 * @param connectTimeout positive
		 * @return this builder
		 * @throws IllegalArgumentException if not positive
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			if (connectTimeout.isNegative() || connectTimeout.isZero()) {
				throw new IllegalArgumentException("connectTimeout must be positive, not " + connectTimeout);
			}
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * How long one attempt may wait for an answer's headers (default 10 s). A
		 * long-poll may wait this long beyond the N seconds it asks the server to hold
		 * it; an event stream, once open, has no limit.
		 * @param requestTimeout positive
		 * @return this builder
		 * @throws IllegalArgumentException if not positive
		 */
		public Builder requestTimeout(Duration requestTimeout) {
			if (requestTimeout.isNegative() || requestTimeout.isZero()) {
				throw new IllegalArgumentException("requestTimeout must be positive, not " + requestTimeout);
			}
			this.requestTimeout = requestTimeout;
			return this;
		}

		/**
		 * When to try a call again (default {@link RetryPolicy#defaults()}).
		 * @param retryPolicy the policy; {@link RetryPolicy#none()} to report every
		 * failure at once
		 * @return this builder
		 */
		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = retryPolicy;
			return this;
		}

		/**
		 * The {@link HttpClient} to send with, for its proxy, TLS or executor settings.
		 * Without one, the client builds its own (redirects not followed) and closes it
		 * with itself. Cannot be combined with {@link #connectTimeout}.
		 * @param httpClient the client; stays yours to close
		 * @return this builder
		 */
		public Builder httpClient(HttpClient httpClient) {
			this.httpClient = httpClient;
			return this;
		}

		Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		Builder pauses(Pauses pauses) {
			this.pauses = pauses;
			return this;
		}

		/**
		 * Build the client.
		 * @return the client
		 * @throws IllegalStateException if both {@link #httpClient} and
		 * {@link #connectTimeout} were set
		 */
		public SluiceClient build() {
			if (this.httpClient != null && this.connectTimeout != null) {
				throw new IllegalStateException("connectTimeout applies to the HttpClient the client builds itself; "
						+ "set it on the HttpClient passed to httpClient(...) instead");
			}
			HttpClient http = this.httpClient;
			if (http == null) {
				HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
				if (this.connectTimeout != null) {
					builder.connectTimeout(this.connectTimeout);
				}
				http = builder.build();
			}
			return new SluiceClient(new Transport(http, this.httpClient == null, this.baseUrl, this.apiKey,
					this.requestTimeout, this.retryPolicy, this.clock, this.pauses));
		}

	}

}
