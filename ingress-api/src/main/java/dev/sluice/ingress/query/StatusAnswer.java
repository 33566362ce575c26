package dev.sluice.ingress.query;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BiConsumer;

import dev.sluice.contract.EncodedStatus;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * An HTTP answer that carries a status document, so that submission, status and cancel
 * agree on codes and headers. The body is the document's bytes as they came, never
 * decoded or encoded again.
 *
 * <p>
 * Headers: a non-terminal document carries {@code Retry-After: 1}, unless the request
 * already waited ({@code Prefer: wait} applied): the client may ask again at once. An
 * honoured wait is confirmed with {@code Preference-Applied}.
 *
 * <p>
 * An answer that is ready when the handler runs is written straight to the response
 * ({@link #writeTo}), so that the request needs no asynchronous dispatch; one that comes
 * from a wait is returned as a {@link ResponseEntity} ({@link #toResponseEntity}).
 */
public final class StatusAnswer {

	/** Seconds a client should wait before polling a non-terminal query again. */
	static final String POLL_AGAIN_SECONDS = "1";

	/** Marks the answer to a repeated {@code Idempotency-Key}. */
	public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private static final String LOCATION_PREFIX = "/v1/queries/";

	private final HttpStatus code;

	private final EncodedStatus status;

	private final @Nullable Duration appliedWait;

	private final boolean submitted;

	private final boolean replayed;

	private StatusAnswer(HttpStatus code, EncodedStatus status, @Nullable Duration appliedWait, boolean submitted,
			boolean replayed) {
		this.code = code;
		this.status = status;
		this.appliedWait = appliedWait;
		this.submitted = submitted;
		this.replayed = replayed;
	}

	/**
	 * The answer to a submission: {@code 200} once terminal within an honoured wait,
	 * {@code 202} otherwise, always with {@code Location}.
	 * @param status the status document
	 * @param appliedWait the wait that was honoured, or {@code null}
	 * @param replayed whether this repeats an earlier submission with the same
	 * {@code Idempotency-Key}
	 * @return the answer
	 */
	public static StatusAnswer submitted(EncodedStatus status, @Nullable Duration appliedWait, boolean replayed) {
		// Without Prefer: wait the contract is 202, even when a fast worker already
		// finished.
		HttpStatus code = (appliedWait != null && status.state().isTerminal()) ? HttpStatus.OK : HttpStatus.ACCEPTED;
		return new StatusAnswer(code, status, appliedWait, true, replayed);
	}

	static StatusAnswer current(EncodedStatus status, @Nullable Duration appliedWait) {
		return new StatusAnswer(HttpStatus.OK, status, appliedWait, false, false);
	}

	/**
	 * The answer to a cancel request: {@code 202}, with the status as it is after the
	 * request.
	 * @param status the status document
	 * @return the answer
	 */
	public static StatusAnswer cancelRequested(EncodedStatus status) {
		return new StatusAnswer(HttpStatus.ACCEPTED, status, null, false, false);
	}

	/**
	 * Write the answer to the response now.
	 * @param response the response, not yet committed
	 * @throws IOException if the client went away
	 */
	public void writeTo(HttpServletResponse response) throws IOException {
		byte[] body = this.status.json();
		response.setStatus(this.code.value());
		headers(response::setHeader);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/**
	 * The answer as a response entity, for a handler that completes it later.
	 * @return the entity, its body the document's bytes
	 */
	public ResponseEntity<byte[]> toResponseEntity() {
		HttpHeaders headers = new HttpHeaders();
		headers(headers::set);
		headers.setContentType(MediaType.APPLICATION_JSON);
		return new ResponseEntity<>(this.status.json(), headers, this.code);
	}

	private void headers(BiConsumer<String, String> header) {
		if (this.appliedWait == null && !this.status.state().isTerminal()) {
			header.accept(HttpHeaders.RETRY_AFTER, POLL_AGAIN_SECONDS);
		}
		if (this.appliedWait != null) {
			header.accept(PreferWait.PREFERENCE_APPLIED, "wait=" + this.appliedWait.toSeconds());
		}
		if (this.submitted) {
			header.accept(HttpHeaders.LOCATION, LOCATION_PREFIX + this.status.id());
		}
		if (this.replayed) {
			header.accept(IDEMPOTENT_REPLAYED, "true");
		}
	}

}
