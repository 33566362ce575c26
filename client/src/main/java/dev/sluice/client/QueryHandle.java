package dev.sluice.client;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A submitted query: its id, the last status the client saw, and the ways to follow it to
 * its end or cancel it. Thread-safe; every method may be called any number of times.
 *
 * <pre>{@code
 * QueryHandle handle = sluice.submit("top_products",
 *         Map.of("category", "kitchen", "since", OffsetDateTime.parse("2025-12-01T00:00:00Z")));
 * QueryStatus status = handle.await(Duration.ofSeconds(30));
 * if (!status.isTerminal()) {
 *     handle.cancel();
 * }
 * }</pre>
 */
public final class QueryHandle {

	/** The longest wait one long-poll asks for: the server's default cap. */
	static final long MAX_WAIT_SECONDS = 30;

	private final Transport transport;

	private final String id;

	private final String path;

	private final AtomicReference<QueryStatus> status;

	QueryHandle(Transport transport, QueryStatus status) {
		this.transport = transport;
		this.id = status.id();
		this.path = "v1/queries/" + URLEncoder.encode(this.id, StandardCharsets.UTF_8);
		this.status = new AtomicReference<>(status);
	}

	/**
	 * @return the query id: {@code q_} and 26 characters
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The last status the client saw, from the submission or any later call on this
	 * handle; makes no call.
	 * @return the most advanced status seen
	 */
	public QueryStatus status() {
		return this.status.get();
	}

	/**
	 * Waits until the query has ended, or {@code timeout} has passed, by long-polling
	 * ({@code GET /v1/queries/{id}} with {@code Prefer: wait=N}, N at most 30 s, as often
	 * as needed). Returns at once, without a call, if the query has already been seen to
	 * end; {@code Duration.ZERO} asks for the current status once.
	 * @param timeout how long to wait at most
	 * @return the status: terminal, or the last one seen when the time ran out
	 * @throws SluiceProblemException if the server answers with an error, e.g.
	 * {@code 404} once the status has passed its retention
	 * @throws SluiceException if the server cannot be reached, or the thread is
	 * interrupted
	 * @throws IllegalArgumentException if {@code timeout} is negative
	 */
	public QueryStatus await(Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("timeout must not be negative, not " + timeout);
		}
		return await(this.transport.deadlineAfter(timeout));
	}

	QueryStatus await(Instant deadline) {
		QueryStatus current = status();
		while (!current.isTerminal()) {
			Duration remaining = Duration.between(this.transport.now(), deadline);
			long seconds = Math.clamp(remaining.toSeconds(), 0, MAX_WAIT_SECONDS);
			Request request = Request.get(this.path, "Waiting for query " + this.id);
			if (seconds > 0) {
				request = request.preferWait(seconds);
			}
			HttpResponse<byte[]> answer = this.transport.exchange(request, deadline);
			current = observe(StatusDocument.parse(answer.body(), request.description()));
			if (current.isTerminal() || seconds == 0 || !this.transport.now().isBefore(deadline)) {
				break;
			}
			if (answer.headers().firstValue("Preference-Applied").isEmpty()) {
				// The server answered without waiting: poll no faster than it asks.
				Duration pollAfter = answer.headers()
					.firstValue(RetryAfter.HEADER)
					.flatMap((value) -> RetryAfter.parse(value, this.transport.now()))
					.orElse(Duration.ofSeconds(1));
				Duration left = Duration.between(this.transport.now(), deadline);
				this.transport.pause(request, (pollAfter.compareTo(left) < 0) ? pollAfter : left);
			}
		}
		return current;
	}

	/**
	 * The query's state changes, as they happen, from its event stream ({@code GET
	 * /v1/queries/{id}/events}).
	 * <p>
	 * Each subscription opens a stream of its own once it requests an item; its first
	 * item is the state the query is in then, each later one a state further along, and
	 * it completes after the terminal state. It reads from the network only while it has
	 * demand. {@link Flow.Subscription#cancel()} closes the stream. Errors
	 * ({@link SluiceProblemException} for an unknown id, {@link SluiceException} when the
	 * server cannot be reached within the retry policy) end the subscription with
	 * {@code onError}. Signals come from a virtual thread of the subscription's own.
	 * @return a publisher; each subscriber gets its own stream
	 */
	public Flow.Publisher<QueryStatus> changes() {
		return new StatusEvents(this, this.transport);
	}

	/**
	 * Cancels the query ({@code DELETE /v1/queries/{id}}). A queued query ends
	 * {@link QueryState#CANCELED} at once and never reaches the database; a running one
	 * is cancelled on the database and ends {@code CANCELED} soon after.
	 * @return the status the server answered with
	 * @throws SluiceProblemException {@code 409} ({@code query-already-ended}) if the
	 * query had already ended, {@code 404} if its status is past retention
	 * @throws SluiceException if the server cannot be reached, or the thread is
	 * interrupted
	 */
	public QueryStatus cancel() {
		Request request = Request.delete(this.path, "Cancelling query " + this.id);
		HttpResponse<byte[]> answer = this.transport.exchange(request, null);
		return observe(StatusDocument.parse(answer.body(), request.description()));
	}

	String path() {
		return this.path;
	}

	/**
	 * Take note of a status seen, unless one further along was seen already: answers of
	 * concurrent calls may arrive out of order.
	 * @param seen the status
	 * @return the most advanced status seen
	 */
	QueryStatus observe(QueryStatus seen) {
		return this.status.accumulateAndGet(seen,
				(known, next) -> known.state().canAdvanceTo(next.state()) ? next : known);
	}

	@Override
	public String toString() {
		return "QueryHandle[" + this.id + ", " + status().state() + "]";
	}

}
