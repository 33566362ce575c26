package dev.sluice.ingress.submit;

import java.time.Clock;
import java.time.Duration;

import dev.sluice.contract.QueryState;
import dev.sluice.contract.StatusHead;
import dev.sluice.ingress.queue.QueueEstimates;
import dev.sluice.ingress.view.QueryStatuses;

/**
 * Counts the queries that expire in the queue, whichever worker ended them, into the
 * queue's estimates ({@link QueueEstimates#countExpired()}): the drain rate counts the
 * work the fleet did, and an expired query passed through the queue without running.
 * <p>
 * Listens to every status this ingress applies from its construction on, for as long as
 * the view lives. Expiries more than {@link #NEWS} old, such as those replayed from the
 * results topic at start-up, are not news and are not counted.
 */
final class ExpiryCounter {

	static final Duration NEWS = Duration.ofMinutes(1);

	private final QueueEstimates estimates;

	private final Clock clock;

	ExpiryCounter(QueryStatuses statuses, QueueEstimates estimates, Clock clock) {
		this.estimates = estimates;
		this.clock = clock;
		statuses.subscribeToAll(this::record);
	}

	private void record(StatusHead previous, StatusHead status) {
		if (status.state() == QueryState.EXPIRED && status.completedAt() != null
				&& status.completedAt().isAfter(this.clock.instant().minus(NEWS))) {
			this.estimates.countExpired();
		}
	}

}
