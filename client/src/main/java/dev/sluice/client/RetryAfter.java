package dev.sluice.client;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads {@code Retry-After} (RFC 9110, section 10.2.3): a number of seconds, or an HTTP
 * date.
 *
 * <pre>{@code
 * RetryAfter.parse("7", now);                              // PT7S
 * RetryAfter.parse("Wed, 02 Dec 2026 10:00:03 GMT", now);  // the time left until then
 * RetryAfter.parse("soon", now);                           // empty: ignored
 * }</pre>
 */
final class RetryAfter {

	static final String HEADER = "Retry-After";

	private RetryAfter() {
	}

	/**
	 * The wait a {@code Retry-After} value asks for.
	 * @param value the header's value
	 * @param now the current time, to turn a date into a wait
	 * @return the wait, zero for a date already past; empty if the value is malformed
	 */
	static Optional<Duration> parse(String value, Instant now) {
		String trimmed = value.trim();
		if (!trimmed.isEmpty() && trimmed.chars().allMatch((c) -> c >= '0' && c <= '9')) {
			// More digits than a long holds is a very long wait, not a malformed one.
			return Optional.of((trimmed.length() > 12) ? Duration.ofSeconds(999_999_999_999L)
					: Duration.ofSeconds(Long.parseLong(trimmed)));
		}
		try {
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
		}
		catch (DateTimeParseException ex) {
			// A server may send anything; a malformed value is ignored, as if absent.
			return Optional.empty();
		}
	}

}
