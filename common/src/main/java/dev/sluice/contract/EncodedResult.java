package dev.sluice.contract;

/**
 * The rows of a succeeded query, encoded once as the JSON of a {@link QueryResult}, so
 * that every status that carries them (the executing query's, its cache hits', its
 * coalesced followers') reuses the bytes instead of encoding the rows again.
 *
 * <pre>{@code
 * EncodedResult rows = EncodedResult.of(result);            // encoded here, once
 * EncodedStatus doc = EncodedStatus.of(succeeded, rows);     // the rows spliced in as they are
 * }</pre>
 *
 * Equality is identity: the bytes are shared, never copied, and must not be modified.
 */
public final class EncodedResult {

	private final byte[] json;

	private final int rowCount;

	private final boolean truncated;

	private EncodedResult(byte[] json, int rowCount, boolean truncated) {
		this.json = json;
		this.rowCount = rowCount;
		this.truncated = truncated;
	}

	/**
	 * Encode rows.
	 * @param result the rows
	 * @return the encoded rows
	 */
	public static EncodedResult of(QueryResult result) {
		return new EncodedResult(JsonCodec.encode(result), result.rowCount(), result.truncated());
	}

	/**
	 * The JSON of the {@link QueryResult}, shared: do not modify.
	 * @return the UTF-8 bytes
	 */
	public byte[] json() {
		return this.json;
	}

	/**
	 * The size of the encoded rows.
	 * @return bytes
	 */
	public int size() {
		return this.json.length;
	}

	public int rowCount() {
		return this.rowCount;
	}

	public boolean truncated() {
		return this.truncated;
	}

	@Override
	public String toString() {
		return "EncodedResult[" + this.rowCount + " rows, " + this.json.length + " bytes]";
	}

}
