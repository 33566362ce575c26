package dev.sluice.client;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Options of one submission; immutable, each {@code with...} returns a copy.
 *
 * <pre>{@code
 * SubmitOptions options = SubmitOptions.defaults()
 *     .withTimeout(Duration.ofSeconds(5))
 *     .withIdempotencyKey("order-1000-details");
 * QueryHandle handle = sluice.submit("order_details", Map.of("orderId", 1000), options);
 * }</pre>
 */
public final class SubmitOptions {

	/** The longest {@code Idempotency-Key} the server accepts. */
	public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	private static final SubmitOptions DEFAULTS = new SubmitOptions(null, null);

	private final @Nullable Duration timeout;

	private final @Nullable String idempotencyKey;

	private SubmitOptions(@Nullable Duration timeout, @Nullable String idempotencyKey) {
		this.timeout = timeout;
		this.idempotencyKey = idempotencyKey;
	}

	/**
	 * No options: the catalog's deadline, and a key the client makes up.
	 * @return the default options
	 */
	public static SubmitOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * The query's deadline: the time, from submission, by which a worker must start it,
	 * sent as {@code timeoutMs}. It can shorten the catalog's {@code queueTimeout}, never
	 * lengthen it. A query no worker reached in time ends {@link QueryState#EXPIRED}
	 * without touching the database; one the queue cannot start in time is refused at
	 * once ({@code 503}, {@code queue-full}).
	 * @param timeout at least one millisecond, in whole milliseconds
	 * @return a copy with this deadline
	 * @throws IllegalArgumentException if {@code timeout} is under a millisecond
	 */
	public SubmitOptions withTimeout(Duration timeout) {
		if (timeout.toMillis() < 1) {
			throw new IllegalArgumentException(
					"timeout must be at least 1 ms (it is sent as timeoutMs), not " + timeout);
		}
		return new SubmitOptions(timeout, this.idempotencyKey);
	}

	/**
	 * The {@code Idempotency-Key} of the submission. The same key gives the same query
	 * id, and a repeat queues nothing, as long as the server keeps the query's status
	 * ({@code sluice.results.retention}, 15 minutes by default). Without one, the client
	 * makes up a random key per submission, which makes its own retries safe but not
	 * yours.
	 * @param key 1 to 255 characters, not blank
	 * @return a copy with this key
	 * @throws IllegalArgumentException if the server would refuse the key
	 */
	public SubmitOptions withIdempotencyKey(String key) {
		if (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
			throw new IllegalArgumentException(
					"idempotencyKey must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters, not blank");
		}
		if (!key.chars().allMatch((c) -> c >= 0x20 && c < 0x7f)) {
			throw new IllegalArgumentException(
					"idempotencyKey must be printable ASCII, since it travels as an HTTP header");
		}
		return new SubmitOptions(this.timeout, key);
	}

	/**
	 * @return the deadline set with {@link #withTimeout}, if any
	 */
	public Optional<Duration> timeout() {
		return Optional.ofNullable(this.timeout);
	}

	/**
	 * @return the key set with {@link #withIdempotencyKey}, if any
	 */
	public Optional<String> idempotencyKey() {
		return Optional.ofNullable(this.idempotencyKey);
	}

	@Override
	public String toString() {
		return "SubmitOptions[timeout=" + this.timeout + ", idempotencyKey=" + this.idempotencyKey + "]";
	}

}
