package dev.sluice.ingress.submit;

import java.time.Clock;
import java.time.Instant;

import dev.sluice.contract.StatusHead;
import dev.sluice.ingress.queue.QueueEstimates;
import dev.sluice.ingress.view.QueryStatuses;
import org.jspecify.annotations.Nullable;

/**
 * Counts the queries that workers run to their end, whichever ingress accepted them, into
 * the queue's estimates ({@link QueueEstimates#countRan()}): their rate is the drain rate
 * admission control works with. A query ran if its terminal status carries
 * {@code startedAt}; one that expired or was canceled in the queue did not.
 * <p>
 * Every replica reads every status, so every replica counts the same queries and measures
 * the same rate. Listens to every status this ingress applies from its construction on,
 * for as long as the view lives, each once. Ends from before then, such as those replayed
 * from the results topic at start-up, are not news and are not counted: they would read
 * as a burst of draining.
 */
final class RunCounter {

	private final Runnable countRan;

	private final Instant since;

	RunCounter(QueryStatuses statuses, QueueEstimates estimates, Clock clock) {
		this(estimates::countRan, clock.instant());
		statuses.subscribeToAll(this::record);
	}

	/**
	 * @param countRan called once for each query run to its end
	 * @param since ends before this instant are not counted
	 */
	RunCounter(Runnable countRan, Instant since) {
		this.countRan = countRan;
		this.since = since;
	}

	/**
	 * @param previous the head of the status replaced, {@code null} if none
	 * @param status the head of the status applied
	 */
	void record(@Nullable StatusHead previous, StatusHead status) {
		if (status.state().isTerminal() && status.startedAt() != null && status.completedAt() != null
				&& !status.completedAt().isBefore(this.since)) {
			this.countRan.run();
		}
	}

}
