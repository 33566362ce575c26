package dev.sluice.worker.consume;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.QueryError;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.worker.cache.ExecutionOutcome;

/**
 * One admitted query on its way to a terminal status. The first terminal status wins: a
 * cancel that arrives while the query waits for a shared execution ends it at once, and
 * the execution's later outcome is then ignored for this query.
 * <p>
 * The terminal status is encoded here, once; a succeeded one splices in the rows the
 * execution encoded, so a cache hit or a coalesced query never encodes rows again.
 */
final class QueryRun {

	private final QueryStatus queued;

	private volatile QueryStatus started;

	private final CompletableFuture<EncodedStatus> terminal = new CompletableFuture<>();

	/**
	 * @param submitted the query
	 * @param admittedAt when it was admitted, its start unless it executes itself
	 */
	QueryRun(QuerySubmitted submitted, Instant admittedAt) {
		this.queued = QueryStatus.queued(submitted);
		this.started = this.queued.running(admittedAt);
	}

	String id() {
		return this.queued.id();
	}

	Instant submittedAt() {
		return this.queued.submittedAt();
	}

	/**
	 * The query got a connection and starts executing.
	 * @param at when
	 * @return its {@link QueryState#RUNNING} status
	 */
	QueryStatus start(Instant at) {
		this.started = this.queued.running(at);
		return this.started;
	}

	boolean isFinished() {
		return this.terminal.isDone();
	}

	/**
	 * End with the outcome of the execution this query waited for.
	 * @param outcome the shared outcome
	 * @param cache how this query obtained it
	 * @param at when
	 */
	void finish(ExecutionOutcome outcome, CacheOutcome cache, Instant at) {
		switch (outcome) {
			case ExecutionOutcome.Succeeded succeeded ->
				this.terminal.complete(EncodedStatus.of(this.started.succeeded(at, cache, null), succeeded.result()));
			case ExecutionOutcome.Failed failed ->
				this.terminal.complete(EncodedStatus.of(this.started.ended(QueryState.FAILED, at, failed.error())));
			case ExecutionOutcome.Unavailable unavailable -> this.terminal.completeExceptionally(unavailable.cause());
			case ExecutionOutcome.Abandoned abandoned -> cancel(at);
		}
	}

	/**
	 * End {@link QueryState#CANCELED}, unless it ended already.
	 * @param at when
	 */
	void cancel(Instant at) {
		if (this.terminal.isDone()) {
			return;
		}
		this.terminal.complete(EncodedStatus.of(this.started.ended(QueryState.CANCELED, at,
				new QueryError(Admission.CANCELED, "cancelled at the client's request after it started"))));
	}

	/**
	 * The terminal status, or a failure if the query could not finish (the database was
	 * unavailable) and must be retried.
	 * @return the future terminal status
	 */
	CompletableFuture<EncodedStatus> terminal() {
		return this.terminal;
	}

}
