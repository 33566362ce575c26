package dev.sluice.contract;

/**
 * Life cycle of a query: {@code QUEUED → RUNNING → SUCCEEDED | FAILED}, and from
 * {@code QUEUED} (or, best effort, {@code RUNNING}) also {@code CANCELED} or
 * {@code EXPIRED}. Terminal states never change.
 */
public enum QueryState {

	QUEUED(0), RUNNING(1), SUCCEEDED(2), FAILED(2), CANCELED(2), EXPIRED(2);

	private final int rank;

	QueryState(int rank) {
		this.rank = rank;
	}

	public boolean isTerminal() {
		return this.rank == 2;
	}

	/**
	 * Whether a query in this state may move to {@code next}. States only move forward,
	 * so a late or re-delivered record can never undo a newer one.
	 * @param next the proposed state
	 * @return {@code true} if {@code next} is further along than this state
	 */
	public boolean canAdvanceTo(QueryState next) {
		return next.rank > this.rank;
	}

}
