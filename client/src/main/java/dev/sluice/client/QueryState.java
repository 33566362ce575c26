package dev.sluice.client;

/**
 * Where a query is in its life: {@code QUEUED → RUNNING → SUCCEEDED | FAILED}, and from
 * {@code QUEUED} (or, best effort, {@code RUNNING}) also {@code CANCELED} or
 * {@code EXPIRED}. States only move forward; a terminal state never changes.
 *
 * <p>
 * A query that finishes quickly may go from {@code QUEUED} straight to its terminal state
 * without ever being seen {@code RUNNING}.
 */
public enum QueryState {

	/** Accepted and waiting in the queue for a worker. */
	QUEUED(0),

	/** A worker is executing it. */
	RUNNING(1),

	/** It ended with rows. */
	SUCCEEDED(2),

	/** The database or Sluice refused or failed it; see the status's error. */
	FAILED(2),

	/** Cancelled on request. */
	CANCELED(2),

	/** No worker started it before its deadline; it never reached the database. */
	EXPIRED(2);

	private final int rank;

	QueryState(int rank) {
		this.rank = rank;
	}

	/**
	 * Whether the query has ended.
	 * @return {@code true} for {@link #SUCCEEDED}, {@link #FAILED}, {@link #CANCELED} and
	 * {@link #EXPIRED}
	 */
	public boolean isTerminal() {
		return this.rank == 2;
	}

	/**
	 * Whether {@code next} is further along than this state.
	 * @param next a later observed state
	 * @return {@code true} if a query in this state may move to {@code next}
	 */
	boolean canAdvanceTo(QueryState next) {
		return next.rank > this.rank;
	}

}
