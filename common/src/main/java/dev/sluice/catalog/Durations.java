package dev.sluice.catalog;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses catalog durations: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or
 * ISO-8601 such as {@code PT30S}. A bare number is refused because its unit would be a
 * guess.
 */
final class Durations {

	private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

	private Durations() {
	}

	static Duration parse(Object value) {
		String text = String.valueOf(value).trim();
		Matcher matcher = SIMPLE.matcher(text);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				default -> Duration.ofHours(amount);
			};
		}
		try {
			Duration duration = Duration.parse(text);
			if (duration.isNegative()) {
				throw new IllegalArgumentException("'" + text + "' is negative");
			}
			return duration;
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"'" + text + "' is not a duration; write it with a unit, e.g. 500ms, 30s, 2m or 1h");
		}
	}

}
