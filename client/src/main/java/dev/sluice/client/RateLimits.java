package dev.sluice.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code RateLimit} and {@code RateLimit-Policy} fields of
 * draft-ietf-httpapi-ratelimit-headers: each a Structured Fields List (RFC 9651) of items
 * that name a quota policy, with parameters.
 *
 * <pre>{@code
 * RateLimit-Policy: "burst";q=100;w=60,"daily";q=1000;w=86400
 * RateLimit: "burst";r=0;t=12
 * }</pre>
 *
 * In {@code RateLimit}, {@code r} is the quota left and {@code t} the seconds within
 * which no more than that may be used; in {@code RateLimit-Policy}, {@code q} is the
 * quota and {@code w} its window in seconds. A policy with nothing left ({@code r=0})
 * asks the client to wait {@code t} seconds, or, without {@code t}, at most the window
 * {@code w} of the policy of that name. A malformed field is ignored, as the draft
 * requires; so is an item without {@code r}. The client has no use for the rest of
 * {@code RateLimit-Policy}, which the draft calls informative.
 */
final class RateLimits {

	static final String RATE_LIMIT = "RateLimit";

	static final String RATE_LIMIT_POLICY = "RateLimit-Policy";

	private RateLimits() {
	}

	/**
	 * How long the answer asks the client to hold back: the longest wait among its
	 * exhausted policies.
	 * @param rateLimit every {@code RateLimit} field of the answer
	 * @param ratePolicy every {@code RateLimit-Policy} field of the answer
	 * @return the wait, or empty if no policy is exhausted (or none says for how long)
	 */
	static Optional<Duration> exhaustedFor(List<String> rateLimit, List<String> ratePolicy) {
		Map<String, Long> windows = null;
		long longest = -1;
		for (StructuredFieldList.Item limit : items(rateLimit)) {
			if (!(limit.parameters().get("r") instanceof Long remaining) || remaining != 0) {
				continue;
			}
			Long seconds = nonNegative(limit.parameters().get("t"));
			if (seconds == null) {
				if (windows == null) {
					windows = windows(ratePolicy);
				}
				seconds = windows.get(limit.name());
			}
			if (seconds != null) {
				longest = Math.max(longest, seconds);
			}
		}
		return (longest >= 0) ? Optional.of(Duration.ofSeconds(longest)) : Optional.empty();
	}

	private static Map<String, Long> windows(List<String> ratePolicy) {
		Map<String, Long> windows = new HashMap<>();
		for (StructuredFieldList.Item policy : items(ratePolicy)) {
			Long window = nonNegative(policy.parameters().get("w"));
			if (window != null && window > 0) {
				windows.put(policy.name(), window);
			}
		}
		return windows;
	}

	private static @Nullable Long nonNegative(@Nullable Object value) {
		return (value instanceof Long number && number >= 0) ? number : null;
	}

	/**
	 * The items of a List field; its lines are one list, joined by commas (RFC 9651,
	 * section 4.2), so one malformed line makes the whole field malformed.
	 */
	private static List<StructuredFieldList.Item> items(List<String> fieldLines) {
		if (fieldLines.isEmpty()) {
			return List.of();
		}
		try {
			return StructuredFieldList.parse(String.join(",", fieldLines));
		}
		catch (IllegalArgumentException ex) {
			// Malformed RateLimit fields must be ignored (draft, section 7).
			return List.of();
		}
	}

}
