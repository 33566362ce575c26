package dev.sluice.client;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * Sends the client's calls: adds the common headers, holds back while a rate limit is
 * exhausted, retries what the {@link RetryPolicy} allows, and turns error answers into
 * {@link SluiceProblemException}s.
 */
final class Transport implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(SluiceClient.class.getName());

	/** Answers that say the call was not handled, and may be made again. */
	private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);

	private final HttpClient http;

	private final boolean ownsHttp;

	private final URI baseUrl;

	private final @Nullable String authorization;

	private final Duration requestTimeout;

	private final RetryPolicy retryPolicy;

	private final Clock clock;

	private final Pauses pauses;

	private final Throttle throttle = new Throttle();

	private final AtomicBoolean closed = new AtomicBoolean();

	Transport(HttpClient http, boolean ownsHttp, URI baseUrl, @Nullable String apiKey, Duration requestTimeout,
			RetryPolicy retryPolicy, Clock clock, Pauses pauses) {
		this.http = http;
		this.ownsHttp = ownsHttp;
		this.baseUrl = baseUrl;
		this.authorization = (apiKey != null) ? "Bearer " + apiKey : null;
		this.requestTimeout = requestTimeout;
		this.retryPolicy = retryPolicy;
		this.clock = clock;
		this.pauses = pauses;
	}

	URI baseUrl() {
		return this.baseUrl;
	}

	RetryPolicy retryPolicy() {
		return this.retryPolicy;
	}

	Instant now() {
		return this.clock.instant();
	}

	/**
	 * The moment {@code timeout} from now; a timeout too long for an {@link Instant} is
	 * taken as no timeout.
	 */
	Instant deadlineAfter(Duration timeout) {
		try {
			return now().plus(timeout);
		}
		catch (DateTimeException | ArithmeticException ex) {
			return Instant.MAX;
		}
	}

	/**
	 * Make a call whose answer is a JSON document.
	 * @param request the call
	 * @param deadline when to stop retrying, or {@code null} for the retry policy alone
	 * @return the successful answer, its body read
	 * @throws SluiceProblemException if the answer is an error
	 * @throws SluiceException if the call could not be made
	 */
	HttpResponse<byte[]> exchange(Request request, @Nullable Instant deadline) {
		return send(request, HttpResponse.BodyHandlers.ofByteArray(), deadline);
	}

	/**
	 * Open a call whose answer is read as it comes, such as an event stream.
	 * @param request the call
	 * @param deadline when to stop retrying, or {@code null} for the retry policy alone
	 * @return the successful answer; its body must be closed
	 * @throws SluiceProblemException if the answer is an error
	 * @throws SluiceException if the call could not be made
	 */
	HttpResponse<InputStream> open(Request request, @Nullable Instant deadline) {
		return send(request, HttpResponse.BodyHandlers.ofInputStream(), deadline);
	}

	@SuppressWarnings("unchecked")
	private <T> HttpResponse<T> send(Request request, BodyHandler<T> success, @Nullable Instant deadline) {
		HttpRequest httpRequest = toHttpRequest(request);
		// An error's body is read whole, whatever the success body handler would do.
		BodyHandler<Object> handler = (info) -> (info.statusCode() / 100 == 2)
				? BodySubscribers.mapping(success.apply(info), (body) -> (Object) body)
				: BodySubscribers.mapping(BodySubscribers.ofByteArray(), ErrorBody::new);
		for (int attempt = 1;; attempt++) {
			holdWhileRateLimited(request, deadline);
			HttpResponse<Object> response = sendOnce(request, httpRequest, handler, attempt, deadline);
			if (response == null) {
				continue;
			}
			this.throttle.observe(response.headers(), now());
			if (!(response.body() instanceof ErrorBody error)) {
				return (HttpResponse<T>) response;
			}
			refused(request, response, error, attempt, deadline);
		}
	}

	/**
	 * One attempt.
	 * @return the answer, or {@code null} if no answer came and another attempt is due
	 * (after the pause, taken here)
	 */
	private @Nullable HttpResponse<Object> sendOnce(Request request, HttpRequest httpRequest,
			BodyHandler<Object> handler, int attempt, @Nullable Instant deadline) {
		checkOpen(request);
		try {
			return this.http.send(httpRequest, handler);
		}
		catch (IOException ex) {
			checkOpen(request);
			Duration wait = this.retryPolicy.backoff(attempt);
			String stop = stopReason(attempt, wait, deadline);
			if (stop != null) {
				throw new SluiceException(request.description() + " failed" + stop + ": " + describe(ex), ex);
			}
			logger.log(Level.DEBUG, "{0} failed ({1}); attempt {2} of {3} in {4} ms", request.description(),
					describe(ex), attempt + 1, this.retryPolicy.maxAttempts(), wait.toMillis());
			pause(request, wait);
			return null;
		}
		catch (InterruptedException ex) {
			throw interrupted(request, ex);
		}
	}

	/**
	 * An error answer: throws it, unless it may be tried again, in which case this pauses
	 * for as long as the server asked, or the retry policy says.
	 */
	private void refused(Request request, HttpResponse<Object> response, ErrorBody error, int attempt,
			@Nullable Instant deadline) {
		int status = response.statusCode();
		Duration asked = serverWait(response.headers());
		String stop = RETRYABLE.contains(status) ? retryStop(attempt, asked, deadline) : "";
		if (stop != null) {
			throw Problems.from(status, response.headers().firstValue("Content-Type").orElse(null), error.bytes(),
					asked, request.description() + " failed" + stop);
		}
		Duration wait = (asked != null) ? RetryPolicy.withJitter(asked) : this.retryPolicy.backoff(attempt);
		logger.log(Level.DEBUG, "{0} answered {1}; attempt {2} of {3} in {4} ms", request.description(), status,
				attempt + 1, this.retryPolicy.maxAttempts(), wait.toMillis());
		pause(request, wait);
	}

	/**
	 * Why a refused call is not tried again.
	 * @return {@code null} to retry, else the reason, for the message
	 */
	private @Nullable String retryStop(int attempt, @Nullable Duration asked, @Nullable Instant deadline) {
		if (asked != null && asked.compareTo(this.retryPolicy.maxBackoff()) > 0
				&& attempt < this.retryPolicy.maxAttempts()) {
			return " after " + attempts(attempt) + " (the server asks to wait " + asked.toMillis()
					+ " ms, longer than the retry policy's maxBackoff of " + this.retryPolicy.maxBackoff().toMillis()
					+ " ms)";
		}
		return stopReason(attempt, (asked != null) ? asked : Duration.ZERO, deadline);
	}

	private @Nullable String stopReason(int attempt, Duration wait, @Nullable Instant deadline) {
		if (attempt >= this.retryPolicy.maxAttempts()) {
			return (attempt > 1) ? " after " + attempts(attempt) + " (the retry policy's maxAttempts)" : "";
		}
		if (deadline != null && now().plus(wait).isAfter(deadline)) {
			return " after " + attempts(attempt) + " (another attempt would come after the call's deadline)";
		}
		return null;
	}

	private static String attempts(int attempts) {
		return (attempts == 1) ? "1 attempt" : attempts + " attempts";
	}

	/**
	 * The wait an error answer asks for: its {@code Retry-After}, which takes precedence,
	 * or that of an exhausted {@code RateLimit} policy.
	 */
	private @Nullable Duration serverWait(HttpHeaders headers) {
		Optional<Duration> retryAfter = headers.firstValue(RetryAfter.HEADER)
			.flatMap((value) -> RetryAfter.parse(value, now()));
		return retryAfter
			.or(() -> RateLimits.exhaustedFor(headers.allValues(RateLimits.RATE_LIMIT),
					headers.allValues(RateLimits.RATE_LIMIT_POLICY)))
			.orElse(null);
	}

	/**
	 * Waits while a rate limit is exhausted, but no longer than {@code maxBackoff}: the
	 * draft lets a client probe a server whose window seems too long, and an answer
	 * {@code 429} then says how long for certain.
	 */
	private void holdWhileRateLimited(Request request, @Nullable Instant deadline) {
		Duration wait = this.throttle.waitBefore(now());
		if (wait.isZero()) {
			return;
		}
		if (wait.compareTo(this.retryPolicy.maxBackoff()) > 0) {
			wait = this.retryPolicy.maxBackoff();
		}
		if (deadline != null && now().plus(wait).isAfter(deadline)) {
			wait = Duration.between(now(), deadline);
		}
		if (!wait.isNegative() && !wait.isZero()) {
			logger.log(Level.DEBUG, "{0} waits {1} ms for the server''s rate limit", request.description(),
					wait.toMillis());
			pause(request, RetryPolicy.withJitter(wait));
		}
	}

	/**
	 * Wait on the calling thread.
	 * @param request the call that waits, for the message should the wait be interrupted
	 * @param wait how long
	 * @throws SluiceException if the thread is interrupted
	 */
	void pause(Request request, Duration wait) {
		try {
			this.pauses.pause(wait);
		}
		catch (InterruptedException ex) {
			throw interrupted(request, ex);
		}
	}

	private static SluiceException interrupted(Request request, InterruptedException ex) {
		Thread.currentThread().interrupt();
		return new SluiceException(request.description() + " was interrupted", ex);
	}

	private void checkOpen(Request request) {
		if (this.closed.get()) {
			throw new SluiceException(request.description() + " failed: the client is closed", null);
		}
	}

	private HttpRequest toHttpRequest(Request request) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.baseUrl.resolve(request.path()))
			.timeout(this.requestTimeout.plus(request.heldFor()))
			.header("Accept", request.accept() + ", application/problem+json");
		if (this.authorization != null) {
			builder.header("Authorization", this.authorization);
		}
		request.headers().forEach(builder::header);
		if (request.json() != null) {
			builder.header("Content-Type", Request.JSON)
				.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.json()));
		}
		else {
			builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
		}
		return builder.build();
	}

	private static String describe(IOException ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? " " + message : "");
	}

	/**
	 * Stops every call: calls in flight and open event streams fail. Closes the HTTP
	 * client only if this client built it.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true) && this.ownsHttp) {
			this.http.shutdownNow();
		}
	}

	/** The body of an error answer, read whole. */
	private record ErrorBody(byte[] bytes) {
	}

}
