package dev.sluice.ingress.query;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code wait} preference of RFC 7240 {@code Prefer} headers.
 *
 * <pre>{@code
 * PreferWait.seconds(List.of("respond-async, wait=10")); // OptionalLong[10]
 * PreferWait.seconds(List.of("wait=\"5\""));             // OptionalLong[5]
 * PreferWait.seconds(List.of("wait=soon"));              // empty: ignored, as RFC 7240 asks
 * }</pre>
 *
 * Preferences are comma-separated, names are case-insensitive, values may be quoted,
 * parameters after {@code ;} are ignored, and the first {@code wait} counts. A value that
 * is not a whole number of seconds is ignored rather than refused: a server may disregard
 * any preference.
 */
public final class PreferWait {

	/** The response header that confirms an honoured preference. */
	public static final String PREFERENCE_APPLIED = "Preference-Applied";

	private PreferWait() {
	}

	/**
	 * The requested wait.
	 * @param preferHeaders every {@code Prefer} header value of the request
	 * @return the seconds asked for, or empty if none (or no valid one) was asked for
	 */
	public static OptionalLong seconds(@Nullable List<String> preferHeaders) {
		if (preferHeaders == null) {
			return OptionalLong.empty();
		}
		for (String header : preferHeaders) {
			for (String preference : header.split(",")) {
				String token = preference.split(";", 2)[0].trim();
				int equals = token.indexOf('=');
				if (equals < 0 || !token.substring(0, equals).trim().toLowerCase(Locale.ROOT).equals("wait")) {
					continue;
				}
				return parse(unquote(token.substring(equals + 1).trim()));
			}
		}
		return OptionalLong.empty();
	}

	/**
	 * The wait to honour for a request.
	 * @param preferHeaders every {@code Prefer} header value of the request
	 * @param max the cap, {@code sluice.ingress.max-wait}
	 * @return the requested wait capped at {@code max}, or {@code null} if no positive
	 * wait was asked for
	 */
	public static @Nullable Duration applied(@Nullable List<String> preferHeaders, Duration max) {
		OptionalLong requested = seconds(preferHeaders);
		if (requested.isEmpty() || requested.getAsLong() == 0 || max.isZero()) {
			return null;
		}
		Duration wait = Duration.ofSeconds(requested.getAsLong());
		return (wait.compareTo(max) > 0) ? max : wait;
	}

	private static OptionalLong parse(String value) {
		if (value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(Long.parseLong(value));
	}

	private static String unquote(String value) {
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			return value.substring(1, value.length() - 1).trim();
		}
		return value;
	}

}
