package dev.sluice.worker.cache;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * One database execution and the queries waiting for it: the query that started it and
 * every identical query coalesced onto it. It is the cache's value future, so it
 * completes with the {@link ExecutionOutcome} that all members share.
 * <p>
 * Membership decides cancellation: a member that is cancelled {@linkplain #leave leaves};
 * only when the last member leaves is the execution abandoned and its running statement
 * cancelled, so a cancel never takes rows away from a query that still wants them.
 */
public final class SharedExecution extends CompletableFuture<ExecutionOutcome> {

	private final String key;

	private final Set<String> members = new HashSet<>();

	private boolean abandoned;

	private @Nullable Runnable canceller;

	SharedExecution(String key, String firstMember) {
		this.key = key;
		this.members.add(firstMember);
	}

	/**
	 * The cache key: the routing key of the query name and its parameters.
	 * @return the key
	 */
	public String key() {
		return this.key;
	}

	/**
	 * Add another member.
	 * @param queryId the joining query
	 * @return {@code false} if the execution already finished or was abandoned
	 */
	synchronized boolean enlist(String queryId) {
		if (this.abandoned || isDone()) {
			return false;
		}
		this.members.add(queryId);
		return true;
	}

	/**
	 * Leave; the last member to leave abandons the execution and cancels its statement.
	 * @param queryId the leaving query
	 * @return {@code true} if this abandoned the execution
	 */
	synchronized boolean leave(String queryId) {
		if (!this.members.remove(queryId) || !this.members.isEmpty() || this.abandoned || isDone()) {
			return false;
		}
		this.abandoned = true;
		if (this.canceller != null) {
			// Under the lock so that detach() cannot return the statement to the pool
			// while the cancel is on its way.
			this.canceller.run();
		}
		return true;
	}

	/**
	 * The statement is about to run; {@code canceller} stops it if every member leaves
	 * before {@link #detach()}.
	 * @param canceller cancels the running statement; must not throw
	 * @return {@code false} if the execution was abandoned and must not start
	 */
	public synchronized boolean attach(Runnable canceller) {
		if (this.abandoned) {
			return false;
		}
		this.canceller = canceller;
		return true;
	}

	/** The statement has finished; it can no longer be cancelled. */
	public synchronized void detach() {
		this.canceller = null;
	}

	/**
	 * Whether every member left, so nobody wants the outcome.
	 * @return {@code true} once abandoned
	 */
	public synchronized boolean isAbandoned() {
		return this.abandoned;
	}

}
