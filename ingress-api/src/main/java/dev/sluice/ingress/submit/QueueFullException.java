package dev.sluice.ingress.submit;

import java.time.Duration;
import java.util.Locale;

import dev.sluice.ingress.problem.ApiProblem;
import dev.sluice.ingress.queue.QueueEstimate;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A submission refused by admission control: the queue cannot start it before its
 * deadline. Answered {@code 503} with {@code Retry-After} in whole seconds.
 */
class QueueFullException extends ApiProblem {

	private final Duration retryAfter;

	/**
	 * @param query the catalog query refused
	 * @param estimate the queue as admission control saw it
	 * @param why why it cannot wait, completing "would wait about N s"
	 * @param retryAfter when to try again
	 * @param advice what else the client should know, completing the retry advice
	 */
	QueueFullException(String query, QueueEstimate estimate, String why, Duration retryAfter, String advice) {
		super(HttpStatus.SERVICE_UNAVAILABLE, "queue-full", "Queue full",
				String.format(Locale.ROOT,
						"Not queued: %d queries wait, draining at %.1f/s, so '%s' would wait about %d s%s. "
								+ "Retry after %d s%s.",
						estimate.depth(), estimate.drainPerSecond(), query, estimate.expectedWait().toSeconds(), why,
						seconds(retryAfter), advice));
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds(this.retryAfter)));
		return headers;
	}

	private static long seconds(Duration duration) {
		return (duration.toMillis() + 999) / 1000;
	}

}
