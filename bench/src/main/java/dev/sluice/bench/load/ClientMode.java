package dev.sluice.bench.load;

import java.util.Locale;

/** How a user of the load asks a target for a query's rows. */
public enum ClientMode {

	/** One request; the response carries the rows (the synchronous gateway). */
	REQUEST("one POST, the response carries the rows"),

	/**
	 * {@code POST} with {@code Prefer: wait=N}: one request when the answer comes in
	 * time, long-polls after a non-terminal answer.
	 */
	WAIT("POST with Prefer: wait; long-polls only if it answers before the query ended"),

	/**
	 * {@code POST} answered 202, then long-polls of the status with {@code Prefer: wait}.
	 */
	POLL("POST (202), then long-polls GET /v1/queries/{id} with Prefer: wait");

	private final String description;

	ClientMode(String description) {
		this.description = description;
	}

	/**
	 * @return whether a query may need more than one request (Sluice)
	 */
	public boolean asynchronous() {
		return this != REQUEST;
	}

	/**
	 * @return the mode's name in reports: {@code request}, {@code wait}, {@code poll}
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	public String description() {
		return this.description;
	}

}
