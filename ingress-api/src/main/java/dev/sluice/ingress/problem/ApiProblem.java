package dev.sluice.ingress.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import dev.sluice.catalog.FieldError;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An error that the API answers as an RFC 9457 {@code application/problem+json} document.
 * Features throw subclasses; {@link ProblemHandler} renders them, so no feature builds
 * error responses itself.
 *
 * <pre>{@code
 * throw new ApiProblem(HttpStatus.NOT_FOUND, "query-not-found", "Query not found",
 *         "No query q_01JD7Q... is known here; it may have expired");
 * }</pre>
 */
public class ApiProblem extends RuntimeException {

	/** Prefix of every problem {@code type} URI of this API. */
	public static final String TYPE_PREFIX = "urn:sluice:problem:";

	/**
	 * The problem type of an error that is only its HTTP status, such as Spring's 405 or
	 * Tomcat's 400: {@code urn:sluice:problem:method-not-allowed}.
	 * @param status the status code
	 * @return the type URI
	 */
	public static String typeOf(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return TYPE_PREFIX + ((known != null) ? known.name().toLowerCase(Locale.ROOT).replace('_', '-') : "http-error");
	}

	private final HttpStatus status;

	private final String type;

	private final String title;

	private final transient List<FieldError> errors;

	/**
	 * A problem without field errors.
	 * @param status the HTTP status
	 * @param type the short problem type, e.g. {@code query-not-found}; becomes
	 * {@code urn:sluice:problem:query-not-found}
	 * @param title a short summary that is the same for every occurrence
	 * @param detail what happened this time and what to do about it
	 */
	public ApiProblem(HttpStatus status, String type, String title, String detail) {
		this(status, type, title, detail, List.of(), null);
	}

	protected ApiProblem(HttpStatus status, String type, String title, String detail, List<FieldError> errors,
			@Nullable Throwable cause) {
		super(detail, cause);
		this.status = status;
		this.type = type;
		this.title = title;
		this.errors = List.copyOf(errors);
	}

	public HttpStatus status() {
		return this.status;
	}

	/**
	 * @return the bad fields, each named as the client sent it; empty for a problem that
	 * is not about input
	 */
	public List<FieldError> errors() {
		return this.errors;
	}

	/**
	 * Headers to send with the problem, e.g. {@code Retry-After}.
	 * @return the headers; empty by default
	 */
	public HttpHeaders headers() {
		return new HttpHeaders();
	}

	/**
	 * The problem document.
	 * @return type, title, status, detail and, when there are any, {@code errors}
	 */
	public ProblemDetail toProblemDetail() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, getMessage());
		problem.setType(URI.create(TYPE_PREFIX + this.type));
		problem.setTitle(this.title);
		if (!this.errors.isEmpty()) {
			problem.setProperty("errors", this.errors);
		}
		return problem;
	}

}
