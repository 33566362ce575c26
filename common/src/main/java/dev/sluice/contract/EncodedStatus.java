package dev.sluice.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * A status document as it travels: its {@link StatusHead} and the JSON bytes of the whole
 * {@link QueryStatus}, the same bytes that go into the {@link Topics#RESULTS} record's
 * value and into an HTTP answer, without being decoded or encoded again on the way.
 *
 * <pre>{@code
 * EncodedStatus queued = EncodedStatus.of(QueryStatus.queued(submitted));
 * EncodedStatus done = EncodedStatus.of(running.succeeded(now, MISS, null), rows);
 * }</pre>
 *
 * The bytes are shared, never copied, and must not be modified.
 */
public final class EncodedStatus {

	private static final byte[] RESULT_START = ",\"result\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NO_ERROR_END = ",\"error\":null}".getBytes(StandardCharsets.US_ASCII);

	private final StatusHead head;

	private final byte[] json;

	private final @Nullable EncodedResult rows;

	private EncodedStatus(StatusHead head, byte[] json, @Nullable EncodedResult rows) {
		this.head = head;
		this.json = json;
		this.rows = rows;
	}

	private EncodedStatus(StatusHead head, byte[] json) {
		this(head, json, null);
	}

	/**
	 * Encode a status, rows and all.
	 * @param status the status
	 * @return the encoded status
	 */
	public static EncodedStatus of(QueryStatus status) {
		return new EncodedStatus(StatusHead.of(status), JsonCodec.encode(status));
	}

	/**
	 * Encode a {@link QueryState#SUCCEEDED} status around rows that are encoded already.
	 * The document is byte for byte what {@link #of(QueryStatus)} would give for the
	 * status with the decoded rows.
	 * @param succeeded the status, whose {@link QueryStatus#result()} and
	 * {@link QueryStatus#error()} are {@code null}
	 * @param rows the encoded rows
	 * @return the encoded status
	 * @throws IllegalArgumentException if the status carries rows or an error
	 */
	public static EncodedStatus of(QueryStatus succeeded, EncodedResult rows) {
		if (succeeded.result() != null || succeeded.error() != null) {
			throw new IllegalArgumentException("Query " + succeeded.id()
					+ ": the status to wrap encoded rows in must carry neither rows nor an error");
		}
		// Record components are written in declaration order, result and error last: the
		// head document is the status up to cache, and the rows follow as they are.
		byte[] head = JsonCodec.encode(new Head(succeeded.id(), succeeded.query(), succeeded.client(),
				succeeded.state(), succeeded.submittedAt(), succeeded.expectedStartAt(), succeeded.startedAt(),
				succeeded.completedAt(), succeeded.cache()));
		byte[] rowBytes = rows.json();
		int headLength = head.length - 1;
		byte[] json = new byte[headLength + RESULT_START.length + rowBytes.length + NO_ERROR_END.length];
		System.arraycopy(head, 0, json, 0, headLength);
		int at = headLength;
		System.arraycopy(RESULT_START, 0, json, at, RESULT_START.length);
		at += RESULT_START.length;
		System.arraycopy(rowBytes, 0, json, at, rowBytes.length);
		at += rowBytes.length;
		System.arraycopy(NO_ERROR_END, 0, json, at, NO_ERROR_END.length);
		return new EncodedStatus(StatusHead.of(succeeded), json, rows);
	}

	/**
	 * A status whose head and bytes are known already, e.g. read from a record's headers
	 * and value.
	 * @param head the head
	 * @param json the document, as it came
	 * @return the encoded status
	 */
	public static EncodedStatus of(StatusHead head, byte[] json) {
		return new EncodedStatus(head, json);
	}

	/**
	 * Read a status document that came without headers; keeps the bytes as they came.
	 * @param json the document
	 * @return the encoded status
	 * @throws org.apache.kafka.common.errors.SerializationException if it is not a status
	 * document
	 */
	public static EncodedStatus decode(byte[] json) {
		return new EncodedStatus(StatusHead.of(JsonCodec.decode(json, QueryStatus.class)), json);
	}

	public StatusHead head() {
		return this.head;
	}

	public String id() {
		return this.head.id();
	}

	public QueryState state() {
		return this.head.state();
	}

	/**
	 * The encoded rows this document was built around, e.g. to tell how many rows made it
	 * as large as it is.
	 * @return the rows given to {@link #of(QueryStatus, EncodedResult)}, or {@code null}
	 * for a document made any other way
	 */
	public @Nullable EncodedResult rows() {
		return this.rows;
	}

	/**
	 * The whole status document, shared: do not modify.
	 * @return the UTF-8 JSON bytes
	 */
	public byte[] json() {
		return this.json;
	}

	/**
	 * Decode the whole document, rows included; for tests and rare paths, never per
	 * request.
	 * @return the status
	 */
	public QueryStatus decode() {
		return JsonCodec.decode(this.json, QueryStatus.class);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof EncodedStatus that && this.head.equals(that.head)
				&& Arrays.equals(this.json, that.json);
	}

	@Override
	public int hashCode() {
		return this.head.hashCode();
	}

	@Override
	public String toString() {
		return "EncodedStatus[" + this.head + ", " + this.json.length + " bytes]";
	}

	/** The fields of a {@link QueryStatus} before its rows, in the same order. */
	private record Head(String id, String query, @Nullable String client, QueryState state, Instant submittedAt,
			@Nullable Instant expectedStartAt, @Nullable Instant startedAt, @Nullable Instant completedAt,
			@Nullable CacheOutcome cache) {
	}

}
