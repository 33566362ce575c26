package dev.sluice.ingress;

import java.security.SecureRandom;
import java.time.Clock;

import dev.sluice.contract.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * Query ids: {@code q_} followed by 26 Crockford base32 characters.
 *
 * <pre>{@code
 * QueryIds ids = new QueryIds(Clock.systemUTC());
 * ids.next();                               // q_01JD7Q8M3K... : a ULID, time-ordered
 * QueryIds.forIdempotencyKey("order-42");   // the same id for the same key, always
 * QueryIds.isWellFormed("q_01JD7Q8M3K...");  // true
 * }</pre>
 *
 * A fresh id is a ULID: 48 bits of milliseconds since the epoch then 80 random bits, so
 * ids sort by submission time. An id for an {@code Idempotency-Key} is the first 130 bits
 * of SHA-256 of {@code "idempotency:" + key}, so every replica derives the same id
 * without asking anyone. Thread-safe.
 */
public final class QueryIds {

	private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private static final String PREFIX = "q_";

	private static final int CHARS = 26;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	public QueryIds(Clock clock) {
		this.clock = clock;
	}

	/**
	 * A new, time-ordered id.
	 * @return {@code q_} and a ULID
	 */
	public String next() {
		byte[] ulid = new byte[16];
		long millis = this.clock.millis();
		for (int i = 0; i < 6; i++) {
			ulid[i] = (byte) (millis >>> (40 - 8 * i));
		}
		byte[] randomness = new byte[10];
		this.random.nextBytes(randomness);
		System.arraycopy(randomness, 0, ulid, 6, 10);
		// 128 bits in 26 characters of 5 bits: the first character holds 2 padding zeros.
		return PREFIX + base32(ulid, 2);
	}

	/**
	 * The id of every submission carrying this {@code Idempotency-Key} on an open
	 * ingress.
	 * @param key the header value
	 * @return {@code q_} and 26 characters derived from the key
	 */
	public static String forIdempotencyKey(String key) {
		return derived("idempotency:" + key);
	}

	/**
	 * The id of every submission of {@code client} carrying this {@code Idempotency-Key}:
	 * two clients that pick the same key get two queries, and neither can name the
	 * other's query by guessing its key.
	 * @param client the client's name
	 * @param key the header value
	 * @return {@code q_} and 26 characters derived from both
	 */
	public static String forIdempotencyKey(String client, String key) {
		// '@' and ':' are not in client names, so no pair of client and key can give the
		// text of another, nor of a key on an open ingress.
		return derived("idempotency@" + client + ":" + key);
	}

	private static String derived(String text) {
		return PREFIX + base32(Sha256.of(text), 0);
	}

	/**
	 * Whether {@code id} has the shape of a query id; ids that do not cannot exist, and
	 * need no lookup.
	 * @param id a candidate id, may be {@code null}
	 * @return {@code true} for {@code q_} and 26 Crockford base32 characters
	 */
	public static boolean isWellFormed(@Nullable String id) {
		if (id == null || id.length() != PREFIX.length() + CHARS || !id.startsWith(PREFIX)) {
			return false;
		}
		// Checked on every status request: a loop, not a regular expression's matcher.
		for (int i = PREFIX.length(); i < id.length(); i++) {
			if (!isCrockford(id.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isCrockford(char c) {
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U');
	}

	/**
	 * The first 130 bits of {@code leadingZeros} zero bits followed by {@code bytes}, in
	 * 26 characters.
	 */
	private static String base32(byte[] bytes, int leadingZeros) {
		char[] chars = new char[CHARS];
		for (int c = 0; c < CHARS; c++) {
			int value = 0;
			for (int b = c * 5; b < c * 5 + 5; b++) {
				value = (value << 1) | bit(bytes, b - leadingZeros);
			}
			chars[c] = CROCKFORD[value];
		}
		return new String(chars);
	}

	private static int bit(byte[] bytes, int index) {
		if (index < 0) {
			return 0;
		}
		return (bytes[index / 8] >>> (7 - index % 8)) & 1;
	}

}
