package dev.sluice.worker.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.sluice.catalog.CatalogQuery;
import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.EncodedResult;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.QueryError;
import dev.sluice.contract.QueryResult;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.worker.cache.CacheLookup;
import dev.sluice.worker.cache.ExecutionOutcome;
import dev.sluice.worker.cache.ResultCache;
import dev.sluice.worker.cache.SharedExecution;
import dev.sluice.worker.cancel.CanceledQueries;
import dev.sluice.worker.execute.DatabaseUnavailableException;
import dev.sluice.worker.execute.ExecutionAbandonedException;
import dev.sluice.worker.execute.QueryExecutor;
import dev.sluice.worker.execute.QueryFailedException;
import dev.sluice.worker.publish.StatusPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one submitted query from admission to an acknowledged terminal status: skip a
 * duplicate, admit (catalog, parameters, cancel, deadline), then serve it from the cache,
 * coalesce it onto an identical execution in flight, or execute it.
 * <p>
 * Threading: {@link #process} runs on one of the worker's query threads and executes a
 * cache miss on that thread, so that executions never outnumber the threads (and the
 * connections). Hits and coalesced queries return at once; their terminal status follows
 * when the shared execution completes.
 */
public final class QueryPipeline {

	static final String INTERNAL_ERROR = "INTERNAL_ERROR";

	/**
	 * The error of a query that a bug in the worker ended: the same for every such query,
	 * as the exception's text is no client's business. The worker logs it with the query
	 * id.
	 */
	static final QueryError INTERNAL = new QueryError(INTERNAL_ERROR,
			"the worker failed unexpectedly; its log has the error under the id of the query that ran. "
					+ "Submit the query again, and report it if it persists");

	private static final Logger logger = LoggerFactory.getLogger(QueryPipeline.class);

	private final Admission admission;

	private final ResultCache cache;

	private final QueryExecutor executor;

	private final CanceledQueries canceled;

	private final StatusPublisher publisher;

	private final FinishedQueries finished;

	private final QueryMetrics metrics;

	private final Clock clock;

	QueryPipeline(Admission admission, ResultCache cache, QueryExecutor executor, CanceledQueries canceled,
			StatusPublisher publisher, FinishedQueries finished, QueryMetrics metrics, Clock clock) {
		this.admission = admission;
		this.cache = cache;
		this.executor = executor;
		this.canceled = canceled;
		this.publisher = publisher;
		this.finished = finished;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Process one query.
	 * @param submitted the decoded record value, with every field present
	 * @param outage what the window's other queries found out about the database
	 * @return completes when the terminal status is acknowledged by Kafka (or when the
	 * query finished earlier in this process); fails with
	 * {@link DatabaseUnavailableException} or the publishing error when the query must be
	 * delivered again
	 */
	public CompletableFuture<Void> process(QuerySubmitted submitted, DatabaseOutage outage) {
		CompletableFuture<Void> done = new CompletableFuture<>();
		CompletableFuture<Void> earlier = this.finished.claim(submitted.id(), done);
		if (earlier != null) {
			logger.debug("Query {} was delivered again; not running it twice", submitted.id());
			return earlier;
		}
		String tag = this.admission.metricTag(submitted.query());
		CompletableFuture<EncodedStatus> published;
		try {
			published = handle(submitted, tag, outage);
		}
		catch (RuntimeException ex) {
			// A bug must not send the record round the retry loop for ever: end the
			// query.
			logger.error("Query {} failed inside the worker", submitted.id(), ex);
			published = this.publisher.publishTerminal(EncodedStatus
				.of(QueryStatus.queued(submitted).ended(QueryState.FAILED, this.clock.instant(), INTERNAL)));
		}
		published.whenComplete((status, ex) -> {
			this.finished.release(submitted.id(), ex == null);
			if (ex == null) {
				this.metrics.terminal(tag, status.state(),
						Duration.between(status.head().submittedAt(), status.head().completedAt()));
				done.complete(null);
			}
			else {
				done.completeExceptionally(unwrap(ex));
			}
		});
		return done;
	}

	private CompletableFuture<EncodedStatus> handle(QuerySubmitted submitted, String tag, DatabaseOutage outage) {
		var now = this.clock.instant();
		Admission.Decision decision = this.admission.admit(submitted, now);
		if (decision instanceof Admission.Rejected rejected) {
			logger.debug("Query {} ends {} without starting: {}", submitted.id(), rejected.status().state(),
					rejected.status().error().message());
			return this.publisher.publishTerminal(EncodedStatus.of(rejected.status()));
		}
		Admission.Admitted admitted = (Admission.Admitted) decision;
		QueryRun run = new QueryRun(submitted, now);
		CacheLookup lookup = this.cache.lookup(admitted.routingKey(), submitted.id());
		this.metrics.cacheLookup(tag, lookup.outcome());
		switch (lookup.outcome()) {
			case HIT -> {
				this.metrics.started(tag, Duration.between(submitted.submittedAt(), now));
				run.finish(lookup.execution().join(), CacheOutcome.HIT, now);
			}
			case COALESCED -> {
				this.metrics.started(tag, Duration.between(submitted.submittedAt(), now));
				follow(run, lookup);
			}
			case MISS -> lead(run, lookup, admitted, tag, outage);
		}
		return run.terminal().thenCompose(this.publisher::publishTerminal);
	}

	/**
	 * Let the query end with the execution's outcome, or earlier if it is cancelled.
	 */
	private void follow(QueryRun run, CacheLookup lookup) {
		SharedExecution execution = lookup.execution();
		CanceledQueries.Registration watch = this.canceled.watch(run.id(), () -> {
			this.cache.leave(execution, run.id());
			run.cancel(this.clock.instant());
		});
		run.terminal().whenComplete((status, ex) -> watch.close());
		execution.thenAccept((outcome) -> run.finish(outcome, lookup.outcome(), this.clock.instant()));
	}

	/**
	 * Execute for this query and every identical one that joins meanwhile. The execution
	 * is always completed, even by a bug, so that no member waits for it for ever.
	 */
	private void lead(QueryRun run, CacheLookup lookup, Admission.Admitted admitted, String tag,
			DatabaseOutage outage) {
		SharedExecution execution = lookup.execution();
		try {
			follow(run, lookup);
			execution.complete(execute(run, admitted, execution, tag, outage));
		}
		catch (RuntimeException ex) {
			execution.complete(new ExecutionOutcome.Failed(INTERNAL));
			throw ex;
		}
	}

	/**
	 * Run the execution for every query waiting for it, on the calling thread.
	 */
	private ExecutionOutcome execute(QueryRun run, Admission.Admitted admitted, SharedExecution execution, String tag,
			DatabaseOutage outage) {
		if (execution.isAbandoned()) {
			return new ExecutionOutcome.Abandoned();
		}
		if (outage.databaseUnavailable() != null) {
			return new ExecutionOutcome.Unavailable(outage.databaseUnavailable());
		}
		ExecutionFollower control = new ExecutionFollower(run, execution, tag, this.publisher, this.metrics,
				this.clock);
		QueryResult rows;
		try {
			rows = this.executor.execute(admitted.query(), admitted.values(), control);
		}
		catch (QueryFailedException ex) {
			// The status says only the code: what the database said may quote data.
			logger.info("Query {} ({}) failed on the database: {}", run.id(), admitted.query().name(), ex.getMessage());
			return new ExecutionOutcome.Failed(ex.error());
		}
		catch (ExecutionAbandonedException ex) {
			return new ExecutionOutcome.Abandoned();
		}
		catch (DatabaseUnavailableException ex) {
			logger.warn("Database unavailable; query {} goes back to the queue: {}", run.id(), ex.getMessage());
			outage.databaseUnavailable(ex);
			return new ExecutionOutcome.Unavailable(ex);
		}
		catch (RuntimeException ex) {
			logger.error("Query {} failed inside the worker", run.id(), ex);
			return new ExecutionOutcome.Failed(INTERNAL);
		}
		finally {
			control.recordExecutionTime();
		}
		// Encoded once, here, with the connection back in the pool: this query, every
		// coalesced one and every later cache hit splice in these same bytes.
		EncodedResult encoded = EncodedResult.of(rows);
		if (encoded.size() > admitted.query().maxBytes()) {
			return new ExecutionOutcome.Failed(overBudget(admitted.query(), encoded));
		}
		return new ExecutionOutcome.Succeeded(encoded, admitted.query().cacheTtl());
	}

	/**
	 * A result larger than its query's {@code maxBytes} fails, with the code of a result
	 * too large for Kafka: the client learns the same thing, with the budget named.
	 */
	static QueryError overBudget(CatalogQuery query, EncodedResult encoded) {
		return new QueryError(StatusPublisher.RESULT_TOO_LARGE,
				"the result (" + encoded.rowCount() + " rows, " + encoded.size() + " bytes) is larger than the "
						+ query.maxBytes() + "-byte budget of query '" + query.name()
						+ "' (maxBytes in the catalog); lower its maxRows or select fewer columns");
	}

	private static Throwable unwrap(Throwable ex) {
		return (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

}
