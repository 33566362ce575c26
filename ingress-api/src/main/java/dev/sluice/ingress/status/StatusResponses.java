package dev.sluice.ingress.status;

import java.net.URI;
import java.time.Duration;

import dev.sluice.contract.QueryStatus;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The HTTP answers that carry a status document, so that submission, status and cancel
 * agree on codes and headers: non-terminal documents carry {@code Retry-After: 1}, an
 * honoured {@code Prefer: wait} is confirmed with {@code Preference-Applied}.
 */
public final class StatusResponses {

	/** Seconds a client should wait before polling a non-terminal query again. */
	static final String POLL_AGAIN_SECONDS = "1";

	/** Marks the answer to a repeated {@code Idempotency-Key}. */
	public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	private StatusResponses() {
	}

	/**
	 * The answer to a submission: {@code 200} once terminal, {@code 202} before, always
	 * with {@code Location}.
	 * @param status the status document
	 * @param appliedWait the wait that was honoured, or {@code null}
	 * @param replayed whether this repeats an earlier submission with the same
	 * {@code Idempotency-Key}
	 * @return the response
	 */
	public static ResponseEntity<QueryStatus> submitted(QueryStatus status, Duration appliedWait, boolean replayed) {
		HttpHeaders headers = headers(status, appliedWait);
		headers.setLocation(URI.create("/v1/queries/" + status.id()));
		if (replayed) {
			headers.set(IDEMPOTENT_REPLAYED, "true");
		}
		// Without Prefer: wait the contract is 202, even when a fast worker already
		// finished.
		HttpStatus code = (appliedWait != null && status.state().isTerminal()) ? HttpStatus.OK : HttpStatus.ACCEPTED;
		return new ResponseEntity<>(status, headers, code);
	}

	static ResponseEntity<QueryStatus> current(QueryStatus status, Duration appliedWait) {
		return new ResponseEntity<>(status, headers(status, appliedWait), HttpStatus.OK);
	}

	static ResponseEntity<QueryStatus> cancelRequested(QueryStatus status) {
		return new ResponseEntity<>(status, headers(status, null), HttpStatus.ACCEPTED);
	}

	private static HttpHeaders headers(QueryStatus status, Duration appliedWait) {
		HttpHeaders headers = new HttpHeaders();
		if (!status.state().isTerminal()) {
			headers.set(HttpHeaders.RETRY_AFTER, POLL_AGAIN_SECONDS);
		}
		if (appliedWait != null) {
			headers.set(PreferWait.PREFERENCE_APPLIED, "wait=" + appliedWait.toSeconds());
		}
		return headers;
	}

}
