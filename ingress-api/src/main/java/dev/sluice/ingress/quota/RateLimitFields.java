package dev.sluice.ingress.quota;

import java.util.ArrayList;
import java.util.List;

import dev.sluice.ingress.clients.ClientMetrics.Outcome;
import dev.sluice.ingress.clients.Quota;

import org.springframework.http.HttpHeaders;

/**
 * Writes a client's quota and usage as the {@code RateLimit-Policy} and {@code RateLimit}
 * fields of draft-ietf-httpapi-ratelimit-headers, one item per limit the client has:
 *
 * <pre>
 * RateLimit-Policy: "rate";q=40;w=2, "in-flight";q=100;qu="concurrent-requests"
 * RateLimit: "rate";r=0;t=1, "in-flight";r=37
 * </pre>
 *
 * {@code "rate"} is the token bucket: {@code q} its size, {@code w} the seconds it takes
 * to fill, {@code r} the submissions left now, and {@code t} the seconds until the next
 * one is allowed when none is left, else until the bucket is full. {@code "in-flight"} is
 * the cap on queries queued or running: {@code r} places left, and, when none is, the
 * {@code t} of {@code Retry-After}.
 */
final class RateLimitFields {

	static final String RATE_LIMIT = "RateLimit";

	static final String RATE_LIMIT_POLICY = "RateLimit-Policy";

	private RateLimitFields() {
	}

	static void write(ClientUsage.Decision decision, HttpHeaders headers) {
		Quota quota = decision.quota();
		List<String> policies = new ArrayList<>(2);
		List<String> limits = new ArrayList<>(2);
		if (quota.limitsRate()) {
			policies.add("\"rate\";q=" + quota.burst() + ";w="
					+ seconds((long) Math.ceil(quota.burst() * 1000 / quota.rate())));
			limits.add((decision.outcome() == Outcome.RATE_LIMITED)
					? "\"rate\";r=0;t=" + seconds(decision.retryAfterMillis())
					: "\"rate\";r=" + decision.tokens() + ";t=" + seconds(decision.millisUntilFull()));
		}
		if (quota.limitsInFlight()) {
			policies.add("\"in-flight\";q=" + quota.maxInFlight() + ";qu=\"concurrent-requests\"");
			limits.add((decision.outcome() == Outcome.OVER_CAPACITY)
					? "\"in-flight\";r=0;t=" + seconds(decision.retryAfterMillis())
					: "\"in-flight\";r=" + Math.max(0, quota.maxInFlight() - decision.inFlight()));
		}
		if (!policies.isEmpty()) {
			headers.set(RATE_LIMIT_POLICY, String.join(", ", policies));
			headers.set(RATE_LIMIT, String.join(", ", limits));
		}
	}

	/** Whole seconds, rounded up. */
	static long seconds(long millis) {
		return (millis + 999) / 1000;
	}

}
