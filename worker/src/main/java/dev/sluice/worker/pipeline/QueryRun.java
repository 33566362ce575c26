package dev.sluice.worker.pipeline;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.QueryError;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.worker.cache.ExecutionOutcome;
import dev.sluice.worker.publish.PendingRunning;
import org.jspecify.annotations.Nullable;

/**
 * One admitted query on its way to a terminal status. The first terminal status wins: a
 * cancel that arrives while the query waits for a shared execution ends it at once, and
 * the execution's later outcome is then ignored for this query.
 * <p>
 * The terminal status is encoded here, once; a succeeded one splices in the rows the
 * execution encoded, so a cache hit or a coalesced query never encodes rows again.
 * <p>
 * A query that executes itself announces RUNNING through a {@link PendingRunning}, which
 * it withdraws before its terminal status is published, so that RUNNING never follows the
 * terminal status.
 */
final class QueryRun {

	private final QueryStatus queued;

	private volatile QueryStatus started;

	private final CompletableFuture<EncodedStatus> terminal = new CompletableFuture<>();

	/** Guarded by {@code this}. */
	private @Nullable PendingRunning running;

	/** Guarded by {@code this}. */
	private boolean ended;

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
	 * @param announce schedules its {@link QueryState#RUNNING} status; not called if the
	 * query ended already (cancelled while the execution goes on for coalesced queries)
	 */
	void start(Instant at, Function<QueryStatus, PendingRunning> announce) {
		QueryStatus running = this.queued.running(at);
		synchronized (this) {
			this.started = running;
			if (!this.ended) {
				this.running = announce.apply(running);
			}
		}
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
				end(() -> EncodedStatus.of(this.started.succeeded(at, cache, null), succeeded.result()));
			case ExecutionOutcome.Failed failed ->
				end(() -> EncodedStatus.of(this.started.ended(QueryState.FAILED, at, failed.error())));
			case ExecutionOutcome.Unavailable unavailable -> {
				withdrawRunning();
				this.terminal.completeExceptionally(unavailable.cause());
			}
			case ExecutionOutcome.Abandoned abandoned -> cancel(at);
		}
	}

	/**
	 * End {@link QueryState#CANCELED}, unless it ended already.
	 * @param at when
	 */
	void cancel(Instant at) {
		end(() -> EncodedStatus.of(this.started.ended(QueryState.CANCELED, at,
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

	private void end(Supplier<EncodedStatus> status) {
		if (this.terminal.isDone()) {
			return;
		}
		withdrawRunning();
		this.terminal.complete(status.get());
	}

	/** After this, no RUNNING status of this query can be published any more. */
	private void withdrawRunning() {
		PendingRunning pending;
		synchronized (this) {
			this.ended = true;
			pending = this.running;
		}
		if (pending != null) {
			pending.withdraw();
		}
	}

}
