package dev.sluice.ingress.view;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.StatusHead;
import dev.sluice.ingress.kafka.KafkaUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * The statuses of all queries, as materialized from {@code sluice.results}: what every
 * status, long-poll and event-stream request reads. A status is its head and its
 * document's bytes as they came, answered without being decoded or encoded again.
 *
 * <pre>{@code
 * Optional<EncodedStatus> status = statuses.lookup(id);            // read barrier on a miss
 * statuses.whenTerminal(id, Duration.ofSeconds(10)).thenApply(...); // long-poll
 * try (Subscription s = statuses.subscribe(id, listener)) { ... }   // every change
 * }</pre>
 */
public final class QueryStatuses {

	/**
	 * Where long-polls are woken up: off the materializer thread, which applies the
	 * statuses of the whole fleet and should not also dispatch every waiting request.
	 */
	private static final Executor WAKE_UP = Thread::startVirtualThread;

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
	public Optional<EncodedStatus> current(String id) {
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
	public Optional<EncodedStatus> lookup(String id) {
		Optional<EncodedStatus> known = this.view.get(id);
		if (known.isPresent()) {
			return known;
		}
		return lookupUpToDate(id);
	}

	/**
	 * The status of a query after the view caught up with everything written to the
	 * results topic before this call, even if the view knows the query already: for the
	 * rare answers that must not rely on a status another replica may since have
	 * withdrawn (a bounded wait; blocks the calling thread).
	 * @param id the query id
	 * @return the status, or empty if the query does not exist or has expired
	 * @throws KafkaUnavailableException if the view cannot be brought up to date in time
	 */
	public Optional<EncodedStatus> lookupUpToDate(String id) {
		this.barrier.await(id);
		return this.view.get(id);
	}

	/**
	 * Apply a status that this ingress has just written and Kafka acknowledged, so that
	 * its own answers do not wait for the round trip through the topic.
	 * @param status the acknowledged status, the same bytes that were written
	 */
	public void record(EncodedStatus status) {
		this.view.apply(status);
	}

	/**
	 * Listen to one query: its current status at once, if known, then every change.
	 * @param id the query id
	 * @param listener called on the thread that applied the change; must not block; may
	 * see a status twice, so keep only states that advance
	 * @return the subscription, to close when done
	 */
	public Subscription subscribe(String id, Consumer<EncodedStatus> listener) {
		return this.view.subscribe(id, listener);
	}

	/**
	 * Listen to every change of every query this ingress applies, whichever replica or
	 * worker wrote it: each status once, when it advances its query's state.
	 * @param listener called with the head of the status replaced ({@code null} when the
	 * query is new to this ingress, whatever state it arrives in) and of the new one, on
	 * the thread that applied the change; must not block
	 * @return the subscription, to close when done
	 */
	public Subscription subscribeToAll(BiConsumer<@Nullable StatusHead, StatusHead> listener) {
		return this.view.subscribeToAll(listener);
	}

	/**
	 * Wait, without holding a thread, for a query to end.
	 * @param id the query id, which must be in the view
	 * @param wait the longest to wait
	 * @return completes, on a virtual thread of its own, with the terminal status, or
	 * with the current one ({@code null} if it has gone) once {@code wait} has passed
	 */
	public CompletableFuture<@Nullable EncodedStatus> whenTerminal(String id, Duration wait) {
		CompletableFuture<@Nullable EncodedStatus> terminal = new CompletableFuture<>();
		Subscription subscription = subscribe(id, (status) -> {
			if (status.state().isTerminal()) {
				terminal.complete(status);
			}
		});
		terminal.whenComplete((status, failure) -> subscription.close());
		return terminal.completeOnTimeout(null, wait.toNanos(), TimeUnit.NANOSECONDS)
			.thenApplyAsync((status) -> (status != null) ? status : this.view.get(id).orElse(null), WAKE_UP);
	}

}
