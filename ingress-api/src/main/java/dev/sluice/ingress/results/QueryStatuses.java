package dev.sluice.ingress.results;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryStatus;
import dev.sluice.ingress.kafka.KafkaUnavailableException;

/**
 * The statuses of all queries, as materialized from {@code sluice.results}: what every
 * status, long-poll and event-stream request reads.
 *
 * <pre>{@code
 * Optional<QueryStatus> status = statuses.lookup(id);              // read barrier on a miss
 * statuses.whenTerminal(id, Duration.ofSeconds(10)).thenApply(...); // long-poll
 * try (Subscription s = statuses.subscribe(id, listener)) { ... }   // every change
 * }</pre>
 */
public final class QueryStatuses {

	private final StatusView view;

	private final ReadBarrier barrier;

	QueryStatuses(StatusView view, ReadBarrier barrier) {
		this.view = view;
		this.barrier = barrier;
	}

	/**
	 * The status as this ingress knows it now, without waiting.
	 * @param id the query id
	 * @return the status, or empty if not in the view (yet)
	 */
	public Optional<QueryStatus> current(String id) {
		return this.view.get(id);
	}

	/**
	 * The status of a query, answered consistently by any replica: an id missing from the
	 * view is looked up again after the view caught up with the end of the results topic
	 * (a bounded wait; blocks the calling thread).
	 * @param id the query id
	 * @return the status, or empty if the query does not exist or has expired
	 * @throws KafkaUnavailableException if the view cannot be brought up to date in time
	 */
	public Optional<QueryStatus> lookup(String id) {
		Optional<QueryStatus> known = this.view.get(id);
		if (known.isPresent()) {
			return known;
		}
		this.barrier.await(id);
		return this.view.get(id);
	}

	/**
	 * Apply a status that this ingress has just written and Kafka acknowledged, so that
	 * its own answers do not wait for the round trip through the topic.
	 * @param status the acknowledged status
	 */
	public void record(QueryStatus status) {
		this.view.apply(status, JsonCodec.encode(status).length + StatusView.ENTRY_OVERHEAD);
	}

	/**
	 * Listen to one query: its current status at once, if known, then every change.
	 * @param id the query id
	 * @param listener called on the thread that applied the change; must not block; may
	 * see a status twice, so keep only states that advance
	 * @return the subscription, to close when done
	 */
	public Subscription subscribe(String id, java.util.function.Consumer<QueryStatus> listener) {
		return this.view.subscribe(id, listener);
	}

	/**
	 * Listen to every change of every query this ingress applies, whichever replica or
	 * worker wrote it: each status once, when it advances its query's state.
	 * @param listener called with the status replaced ({@code null} when the query is new
	 * to this ingress, whatever state it arrives in) and the new one, on the thread that
	 * applied the change; must not block
	 * @return the subscription, to close when done
	 */
	public Subscription subscribeToAll(java.util.function.BiConsumer<QueryStatus, QueryStatus> listener) {
		return this.view.subscribeToAll(listener);
	}

	/**
	 * Wait, without holding a thread, for a query to end.
	 * @param id the query id, which must be in the view
	 * @param wait the longest to wait
	 * @return completes with the terminal status, or with the current one once
	 * {@code wait} has passed
	 */
	public CompletableFuture<QueryStatus> whenTerminal(String id, Duration wait) {
		CompletableFuture<QueryStatus> terminal = new CompletableFuture<>();
		Subscription subscription = subscribe(id, (status) -> {
			if (status.state().isTerminal()) {
				terminal.complete(status);
			}
		});
		terminal.whenComplete((status, failure) -> subscription.close());
		return terminal.completeOnTimeout(null, wait.toNanos(), TimeUnit.NANOSECONDS)
			.thenApply((status) -> (status != null) ? status : this.view.get(id).orElse(null));
	}

}
