package dev.sluice.client;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the client's next request back while a {@code RateLimit} policy the server
 * reported is exhausted ({@code r=0}): the draft asks a client not to exceed the quota
 * left within the effective window. Shared by every call of one client, since the quota
 * is the server's for this client, not per call.
 */
final class Throttle {

	private final AtomicReference<Instant> notBefore = new AtomicReference<>(Instant.MIN);

	/**
	 * Take note of an answer's {@code RateLimit} fields.
	 * @param headers the answer's headers
	 * @param now when it arrived
	 */
	void observe(HttpHeaders headers, Instant now) {
		if (headers.firstValue(RetryAfter.HEADER).isPresent()) {
			// Retry-After takes precedence over the effective window (draft, section 7).
			return;
		}
		RateLimits
			.exhaustedFor(headers.allValues(RateLimits.RATE_LIMIT), headers.allValues(RateLimits.RATE_LIMIT_POLICY))
			.ifPresent((wait) -> {
				Instant until = now.plus(wait);
				this.notBefore.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
			});
	}

	/**
	 * How long the next request should wait.
	 * @param now the current time
	 * @return zero when the quota is not known to be exhausted
	 */
	Duration waitBefore(Instant now) {
		Instant until = this.notBefore.get();
		return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
	}

}
