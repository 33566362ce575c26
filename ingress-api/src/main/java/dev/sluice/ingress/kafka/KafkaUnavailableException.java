package dev.sluice.ingress.kafka;

import dev.sluice.ingress.problem.ApiProblem;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Kafka did not answer in time, so the ingress cannot accept or look up a query right
 * now. Answered as {@code 503} with {@code Retry-After}; nothing was accepted.
 */
public class KafkaUnavailableException extends ApiProblem {

	/** Seconds a client should wait before retrying. */
	static final int RETRY_AFTER_SECONDS = 5;

	public KafkaUnavailableException(String detail, @Nullable Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", "Queue unavailable", detail, java.util.List.of(),
				cause);
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
		return headers;
	}

}
