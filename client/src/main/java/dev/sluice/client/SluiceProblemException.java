package dev.sluice.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Sluice answered with an error: the RFC 9457 problem document of the answer.
 *
 * <pre>{@code
 * try {
 *     sluice.submit("customer_orders", Map.of("customerId", 0));
 * }
 * catch (SluiceProblemException ex) {
 *     if (ex.status() == 400) {
 *         ex.errors().forEach((error) -> log.warn("{}: {}", error.field(), error.message()));
 *     }
 * }
 * }</pre>
 *
 * Sluice's own problem types are {@code urn:sluice:problem:} and a name, e.g.
 * {@code urn:sluice:problem:invalid-submission} (400),
 * {@code urn:sluice:problem:query-not-found} (404),
 * {@code urn:sluice:problem:query-already-ended} (409),
 * {@code urn:sluice:problem:idempotency-key-reused} (422) and
 * {@code urn:sluice:problem:queue-full} (503). An error answer that carries no problem
 * document (say, from a proxy) has the type {@code about:blank} and the title
 * {@code HTTP <status>}.
 */
public class SluiceProblemException extends SluiceException {

	private static final long serialVersionUID = 1L;

	/** The type of a problem that is only its HTTP status (RFC 9457). */
	static final URI ABOUT_BLANK = URI.create("about:blank");

	private final int status;

	private final URI type;

	private final String title;

	private final @Nullable String detail;

	private final @Nullable URI instance;

	private final List<FieldError> errors;

	private final @Nullable Duration retryAfter;

	SluiceProblemException(int status, URI type, String title, @Nullable String detail, @Nullable URI instance,
			List<FieldError> errors, @Nullable Duration retryAfter, String context) {
		super(message(status, title, detail, errors, context), null);
		this.status = status;
		this.type = type;
		this.title = title;
		this.detail = detail;
		this.instance = instance;
		this.errors = List.copyOf(errors);
		this.retryAfter = retryAfter;
	}

	private static String message(int status, String title, @Nullable String detail, List<FieldError> errors,
			String context) {
		StringBuilder message = new StringBuilder().append(context)
			.append(": ")
			.append(status)
			.append(' ')
			.append(title);
		if (detail != null) {
			message.append(": ").append(detail);
		}
		if (!errors.isEmpty()) {
			message.append(errors.stream()
				.map((error) -> error.field() + " " + error.message())
				.collect(Collectors.joining("; ", " [", "]")));
		}
		return message.toString();
	}

	/**
	 * The HTTP status of the answer.
	 * @return e.g. {@code 400}
	 */
	public int status() {
		return this.status;
	}

	/**
	 * The problem type, which identifies the kind of error.
	 * @return e.g. {@code urn:sluice:problem:queue-full}, or {@code about:blank}
	 */
	public URI type() {
		return this.type;
	}

	/**
	 * A short summary, the same for every occurrence of the type.
	 * @return e.g. {@code Invalid submission}
	 */
	public String title() {
		return this.title;
	}

	/**
	 * What happened this time and what to do about it, in Sluice's words.
	 * @return the detail, if the answer had one
	 */
	public Optional<String> detail() {
		return Optional.ofNullable(this.detail);
	}

	/**
	 * The request path the problem is about.
	 * @return e.g. {@code /v1/queries}, if the answer named one
	 */
	public Optional<URI> instance() {
		return Optional.ofNullable(this.instance);
	}

	/**
	 * The invalid fields of a refused submission.
	 * @return one entry per bad field; empty for a problem that is not about input
	 */
	public List<FieldError> errors() {
		return this.errors;
	}

	/**
	 * How long the server asked the client to wait before trying again.
	 * @return the answer's {@code Retry-After}, if it had one
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

}
