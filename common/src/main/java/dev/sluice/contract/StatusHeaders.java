package dev.sluice.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The Kafka record headers of a {@link Topics#RESULTS} record: the {@link StatusHead} of
 * the status document in the value, as UTF-8 text (instants as epoch milliseconds), so
 * that a reader indexes the record without decoding its value. A field that is
 * {@code null} has no header.
 *
 * <pre>{@code
 * StatusHeaders.write(StatusHead.of(status), record.headers());
 * StatusHead head = StatusHeaders.read(record.key(), record.headers()); // null: decode the value
 * }</pre>
 *
 * Records written before these headers existed have none; {@link #read} then answers
 * {@code null} and the reader falls back to the value.
 */
public final class StatusHeaders {

	public static final String STATE = "sluice-state";

	public static final String QUERY = "sluice-query";

	public static final String SUBMITTED_AT = "sluice-submitted-at";

	public static final String STARTED_AT = "sluice-started-at";

	public static final String COMPLETED_AT = "sluice-completed-at";

	public static final String CACHE = "sluice-cache";

	public static final String ERROR_CODE = "sluice-error-code";

	public static final String CLIENT = "sluice-client";

	private StatusHeaders() {
	}

	/**
	 * Add the head's headers.
	 * @param head the head of the status in the record's value
	 * @param headers the record's headers
	 */
	public static void write(StatusHead head, Headers headers) {
		add(headers, STATE, head.state().name());
		add(headers, QUERY, head.query());
		add(headers, SUBMITTED_AT, millis(head.submittedAt()));
		add(headers, STARTED_AT, millis(head.startedAt()));
		add(headers, COMPLETED_AT, millis(head.completedAt()));
		add(headers, CACHE, (head.cache() != null) ? head.cache().name() : null);
		add(headers, ERROR_CODE, head.errorCode());
		add(headers, CLIENT, head.client());
	}

	/**
	 * Read the head of a record.
	 * @param id the record key, the query id
	 * @param headers the record's headers
	 * @return the head, or {@code null} if the record carries no {@link #STATE} header;
	 * its query and submission time are taken as the writer sent them, so a record that
	 * lacks those headers gives {@code null} there
	 * @throws IllegalArgumentException if a header is present but malformed
	 */
	public static @Nullable StatusHead read(String id, Headers headers) {
		String state = text(headers, STATE);
		if (state == null) {
			return null;
		}
		String cache = text(headers, CACHE);
		return new StatusHead(id, text(headers, QUERY), QueryState.valueOf(state), instant(headers, SUBMITTED_AT),
				instant(headers, STARTED_AT), instant(headers, COMPLETED_AT),
				(cache != null) ? CacheOutcome.valueOf(cache) : null, text(headers, ERROR_CODE), text(headers, CLIENT));
	}

	private static void add(Headers headers, String name, @Nullable String value) {
		if (value != null) {
			headers.add(name, value.getBytes(StandardCharsets.UTF_8));
		}
	}

	private static @Nullable String millis(@Nullable Instant instant) {
		return (instant != null) ? Long.toString(instant.toEpochMilli()) : null;
	}

	private static @Nullable String text(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private static @Nullable Instant instant(Headers headers, String name) {
		String millis = text(headers, name);
		return (millis != null) ? Instant.ofEpochMilli(Long.parseLong(millis)) : null;
	}

}
