package dev.sluice.ingress.quota;

import dev.sluice.ingress.clients.ClientMetrics.Outcome;
import dev.sluice.ingress.clients.Quota;
import dev.sluice.ingress.problem.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A submission over its client's quota: {@code 429} with {@code Retry-After} in whole
 * seconds and the {@code RateLimit} fields (see {@link RateLimitFields}).
 */
public final class QuotaExceededException extends ApiProblem {

	private final transient ClientUsage.Decision decision;

	QuotaExceededException(String client, ClientUsage.Decision decision) {
		super(HttpStatus.TOO_MANY_REQUESTS,
				(decision.outcome() == Outcome.RATE_LIMITED) ? "rate-limited" : "too-many-in-flight",
				(decision.outcome() == Outcome.RATE_LIMITED) ? "Rate limit reached" : "Too many queries in flight",
				detail(client, decision));
		this.decision = decision;
	}

	/**
	 * @return {@code RATE_LIMITED} or {@code OVER_CAPACITY}
	 */
	public Outcome outcome() {
		return this.decision.outcome();
	}

	@Override
	public HttpHeaders headers() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds()));
		RateLimitFields.write(this.decision, headers);
		return headers;
	}

	private long retryAfterSeconds() {
		return Math.max(1, RateLimitFields.seconds(this.decision.retryAfterMillis()));
	}

	private static String detail(String client, ClientUsage.Decision decision) {
		Quota quota = decision.quota();
		long retryAfter = Math.max(1, RateLimitFields.seconds(decision.retryAfterMillis()));
		if (decision.outcome() == Outcome.RATE_LIMITED) {
			return "Not queued: client '" + client + "' may submit " + format(quota.rate()) + " queries per second, "
					+ quota.burst() + " at once, and has used them. Retry after " + retryAfter + " s.";
		}
		return "Not queued: client '" + client + "' has " + decision.inFlight() + " queries queued or running, as many "
				+ "as its quota allows (" + quota.maxInFlight() + "). Retry after " + retryAfter
				+ " s, when some have ended.";
	}

	private static String format(double rate) {
		return (rate == Math.rint(rate)) ? Long.toString((long) rate) : Double.toString(rate);
	}

}
