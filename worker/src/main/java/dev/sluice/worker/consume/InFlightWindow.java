package dev.sluice.worker.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.sluice.contract.QuerySubmitted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The records of one worker between poll and commit. The window proper holds the records
 * that wait for or hold one of the query threads, at most {@code capacity}
 * ({@code sluice.worker.in-flight}): each is started on its own and leaves on its own, so
 * a slow query holds only its own slot. The window tells the consumer when to pause
 * (full, or backing off) and when to resume (drained to half), and which offsets it may
 * commit ({@link #offsets()}).
 * <p>
 * A record leaves the window as soon as its thread is free, with its terminal status
 * handed to the producer: waiting for Kafka's acknowledgement takes no thread, and
 * counting it would let the acknowledgement latency, not the database, set the pace. Its
 * offset is still committed only after the acknowledgement. Records waiting for one are
 * bounded separately, at {@value #AWAITING_FACTOR} × capacity, so a slow broker pauses
 * the consumer too.
 * <p>
 * Capacity is kept exactly: a poll returns at most {@link #pollRecords(int)} records, and
 * the consumer pauses once fewer than that are free. It resumes at half the capacity, so
 * pause and resume alternate at most once every quarter window; the query threads are
 * then still busy with the other half while the next records arrive.
 * <p>
 * A record that fails (database unavailable, Kafka refusing its status) stays uncommitted
 * and is started again after an exponential back-off together with every other record
 * that failed meanwhile; the consumer stays paused until then, so queries wait in Kafka,
 * never in a tight retry loop.
 * <p>
 * Threading: everything runs on the consumer thread except the completions, which come
 * from query and Kafka producer threads; they only queue the record, count it out of the
 * window and, when that makes room in a paused window, call {@code onRoom} (the
 * consumer's {@code wakeup()}).
 */
final class InFlightWindow {

	private static final Logger logger = LoggerFactory.getLogger(InFlightWindow.class);

	/** Records waiting for an acknowledgement, per record the window can hold. */
	static final int AWAITING_FACTOR = 16;

	private final Function<ConsumerRecord<String, QuerySubmitted>, CompletableFuture<CompletableFuture<Void>>> work;

	private final Runnable beforeRetry;

	private final ExponentialBackOff backOff;

	private final LongSupplier nanoTime;

	private final int pollRecords;

	private final int pauseAbove;

	private final int resumeAt;

	private final int maxUnacknowledged;

	private final OffsetTracker offsets = new OffsetTracker();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicInteger unacknowledged = new AtomicInteger();

	private final AtomicBoolean awaitingRoom = new AtomicBoolean();

	private final LinkedBlockingQueue<Finished> finished = new LinkedBlockingQueue<>();

	private final List<InFlight> retries = new ArrayList<>();

	private volatile Runnable onRoom = () -> {
	};

	private @Nullable BackOffExecution backOffExecution;

	private boolean retryPending;

	private long retryAt;

	/**
	 * @param work starts a record; the future completes once it may be committed past, or
	 * fails when it must be tried again
	 * @param beforeRetry runs before failed records are started again: clears the
	 * database outage, so that the retried queries try the database
	 * @param capacity the most records in the window
	 * @param backoff the first and the longest wait before failed records are retried
	 * @param nanoTime the time source, {@link System#nanoTime()}
	 */
	InFlightWindow(Function<ConsumerRecord<String, QuerySubmitted>, CompletableFuture<CompletableFuture<Void>>> work,
			Runnable beforeRetry, int capacity, BackoffProperties backoff, LongSupplier nanoTime) {
		this.work = work;
		this.beforeRetry = beforeRetry;
		this.pollRecords = pollRecords(capacity);
		this.pauseAbove = capacity - this.pollRecords;
		this.resumeAt = capacity / 2;
		this.maxUnacknowledged = capacity * AWAITING_FACTOR;
		this.backOff = new ExponentialBackOff(backoff.initial().toMillis(), 2.0);
		this.backOff.setMaxInterval(backoff.max().toMillis());
		this.backOff.setMaxElapsedTime(Long.MAX_VALUE);
		this.backOff.setMaxAttempts(Long.MAX_VALUE);
		this.nanoTime = nanoTime;
	}

	/**
	 * The most records one poll may return ({@code max.poll.records}) for a window of
	 * {@code capacity}: a quarter of it.
	 * @param capacity the window's capacity
	 * @return at least 1
	 */
	static int pollRecords(int capacity) {
		return Math.max(1, capacity / 4);
	}

	/**
	 * How much of one partition a fetch may bring ({@code max.partition.fetch.bytes}) for
	 * a window of {@code capacity}: about two windows of query records (a few hundred
	 * bytes each), at least 4 KB. The consumer hands out a fetched partition's records
	 * until they are used up before it turns to the next partition, so with Kafka's
	 * default of 1 MB one partition's thousands of records would all run before any of
	 * another's, and the queries there would wait far longer than the backlog says, and
	 * expire. Small fetches make the partitions take turns every window or two.
	 * @param capacity the window's capacity
	 * @return bytes, at least 4096
	 */
	static int partitionFetchBytes(int capacity) {
		return Math.max(4096, capacity * 512);
	}

	/**
	 * @param onRoom called, from any thread, when a paused window drains to half; must
	 * not block
	 */
	void onRoom(Runnable onRoom) {
		this.onRoom = onRoom;
	}

	OffsetTracker offsets() {
		return this.offsets;
	}

	/**
	 * @return the records between poll and commit: waiting for a thread, running, waiting
	 * for Kafka's acknowledgement or for a retry
	 */
	int size() {
		return this.unacknowledged.get();
	}

	/**
	 * @return the records waiting for or holding a query thread
	 */
	int queued() {
		return this.queued.get();
	}

	/**
	 * Start a polled record.
	 * @param record the record, from a partition assigned to this consumer
	 */
	void dispatch(ConsumerRecord<String, QuerySubmitted> record) {
		PartitionOffsets partition = this.offsets.assign(new TopicPartition(record.topic(), record.partition()));
		partition.dispatched(record.offset());
		this.unacknowledged.incrementAndGet();
		start(new InFlight(record, partition));
	}

	private void start(InFlight inFlight) {
		this.queued.incrementAndGet();
		CompletableFuture<CompletableFuture<Void>> handedOver;
		try {
			handedOver = this.work.apply(inFlight.record);
		}
		catch (RuntimeException ex) {
			handedOver = CompletableFuture.failedFuture(ex);
		}
		handedOver.whenComplete((ignored, ex) -> leave());
		handedOver.thenCompose(Function.identity())
			.whenComplete((ignored, ex) -> this.finished.add(new Finished(inFlight, ex)));
	}

	private void leave() {
		if (this.queued.decrementAndGet() <= this.resumeAt && this.awaitingRoom.compareAndSet(true, false)) {
			this.onRoom.run();
		}
	}

	/** Take in the completions that arrived, without waiting. */
	void settle() {
		for (Finished next = this.finished.poll(); next != null; next = this.finished.poll()) {
			apply(next);
		}
	}

	/**
	 * Wait for a completion, then take in all that arrived.
	 * @param timeout the longest wait
	 * @throws InterruptedException if interrupted while waiting
	 */
	void settle(Duration timeout) throws InterruptedException {
		Finished next = this.finished.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
		if (next != null) {
			apply(next);
			settle();
		}
	}

	private void apply(Finished done) {
		InFlight inFlight = done.inFlight;
		if (done.failure == null) {
			this.unacknowledged.decrementAndGet();
			inFlight.partition.completed(inFlight.record.offset());
			if (inFlight.attempts > 0) {
				// A retried record went through: the next outage starts with a short
				// wait.
				this.backOffExecution = null;
			}
			return;
		}
		if (inFlight.partition.isRevoked()) {
			// Its partition's new owner receives it again.
			this.unacknowledged.decrementAndGet();
			return;
		}
		this.retries.add(inFlight);
		if (!this.retryPending) {
			if (this.backOffExecution == null) {
				this.backOffExecution = this.backOff.start();
			}
			long delay = this.backOffExecution.nextBackOff();
			this.retryPending = true;
			this.retryAt = this.nanoTime.getAsLong() + TimeUnit.MILLISECONDS.toNanos(delay);
			logger.warn(
					"Query record {} could not be completed; pausing consumption and trying it again in {} ms, "
							+ "with every record that fails meanwhile: {}",
					QueryDispatcher.coordinates(inFlight.record), delay, message(done.failure));
		}
	}

	/** Start the failed records again once their back-off is over. */
	void retryIfDue() {
		if (!this.retryPending || this.nanoTime.getAsLong() - this.retryAt < 0) {
			return;
		}
		this.retryPending = false;
		this.beforeRetry.run();
		List<InFlight> due = List.copyOf(this.retries);
		this.retries.clear();
		for (InFlight inFlight : due) {
			inFlight.attempts++;
			start(inFlight);
		}
	}

	/**
	 * @return how long until failed records are retried, or {@code null} when none wait
	 */
	@Nullable Duration untilRetry() {
		return this.retryPending ? Duration.ofNanos(Math.max(0, this.retryAt - this.nanoTime.getAsLong())) : null;
	}

	/**
	 * Whether the consumer should be paused now: the window has no room for another poll,
	 * too many records wait for Kafka's acknowledgement, or failed records wait for their
	 * back-off. Once paused for room, it stays paused until the window has drained to
	 * half.
	 * @return {@code true} to pause, {@code false} to consume
	 */
	boolean wantsPause() {
		if (!this.awaitingRoom.get() && this.queued.get() > this.pauseAbove) {
			this.awaitingRoom.set(true);
		}
		// Also catches a completion that drained the window just before the flag was set.
		if (this.awaitingRoom.get() && this.queued.get() <= this.resumeAt) {
			this.awaitingRoom.compareAndSet(true, false);
		}
		return this.retryPending || this.awaitingRoom.get()
				|| this.unacknowledged.get() + this.pollRecords > this.maxUnacknowledged;
	}

	/**
	 * @return the records started and not yet acknowledged, not counting those waiting
	 * for a retry
	 */
	int running() {
		return this.unacknowledged.get() - this.retries.size();
	}

	/**
	 * {@link #running()} in some partitions.
	 * @param partitions the partitions
	 * @return how many
	 */
	int running(Collection<TopicPartition> partitions) {
		int waiting = (int) this.retries.stream()
			.filter((inFlight) -> partitions.contains(inFlight.partition.partition()))
			.count();
		return this.offsets.running(partitions) - waiting;
	}

	/**
	 * Give up partitions: their records still running are no longer committed and go to
	 * their next owner, and their records waiting for a retry leave the window.
	 * @param partitions the partitions revoked or lost
	 */
	void revoke(Collection<TopicPartition> partitions) {
		this.offsets.revoke(partitions);
		List<InFlight> dropped = this.retries.stream().filter((inFlight) -> inFlight.partition.isRevoked()).toList();
		this.retries.removeAll(dropped);
		this.unacknowledged.addAndGet(-dropped.size());
		if (this.retries.isEmpty()) {
			this.retryPending = false;
		}
	}

	private static String message(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return (cause.getMessage() != null) ? cause.getMessage() : cause.toString();
	}

	/** A record in the window. */
	private static final class InFlight {

		private final ConsumerRecord<String, QuerySubmitted> record;

		private final PartitionOffsets partition;

		private int attempts;

		private InFlight(ConsumerRecord<String, QuerySubmitted> record, PartitionOffsets partition) {
			this.record = record;
			this.partition = partition;
		}

	}

	/**
	 * A record whose work ended.
	 *
	 * @param inFlight the record
	 * @param failure why it must be tried again, or {@code null} when it may be committed
	 */
	private record Finished(InFlight inFlight, @Nullable Throwable failure) {
	}

}
