package dev.sluice.worker.pipeline;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import dev.sluice.worker.cache.SharedExecution;
import dev.sluice.worker.execute.ExecutionControl;
import dev.sluice.worker.publish.StatusPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one database execution on behalf of the query that runs it: once a connection
 * is taken, schedules its RUNNING status (published only if it still runs after
 * {@code sluice.worker.running-status-after}), counts the execution, and lets the shared
 * execution cancel the statement when every waiting query has been cancelled.
 */
final class ExecutionFollower implements ExecutionControl {

	private static final Logger logger = LoggerFactory.getLogger(ExecutionFollower.class);

	private final QueryRun run;

	private final SharedExecution execution;

	private final String tag;

	private final StatusPublisher publisher;

	private final QueryMetrics metrics;

	private final Clock clock;

	private long connectedAt;

	ExecutionFollower(QueryRun run, SharedExecution execution, String tag, StatusPublisher publisher,
			QueryMetrics metrics, Clock clock) {
		this.run = run;
		this.execution = execution;
		this.tag = tag;
		this.publisher = publisher;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Override
	public void connected() {
		var now = this.clock.instant();
		// Only scheduled here: a send must not hold up the query while it holds its
		// connection, and a query that ends within the delay needs no RUNNING status.
		this.run.start(now, this.publisher::publishRunning);
		this.metrics.started(this.tag, Duration.between(this.run.submittedAt(), now));
		this.metrics.databaseQuery(this.tag);
		this.connectedAt = System.nanoTime();
	}

	@Override
	public boolean attach(Statement statement) {
		return this.execution.attach(() -> cancel(statement));
	}

	@Override
	public void detach() {
		this.execution.detach();
	}

	@Override
	public boolean cancelRequested() {
		return this.execution.isAbandoned();
	}

	/** Record how long the database took, if the execution reached it. */
	void recordExecutionTime() {
		if (this.connectedAt != 0) {
			this.metrics.executed(this.tag, Duration.ofNanos(System.nanoTime() - this.connectedAt));
		}
	}

	private void cancel(Statement statement) {
		try {
			statement.cancel();
		}
		catch (SQLException ex) {
			// Best effort: the statement may have just finished, and its outcome is
			// discarded either way.
			logger.debug("Could not cancel the statement of query {}: {}", this.run.id(), ex.getMessage());
		}
	}

}
