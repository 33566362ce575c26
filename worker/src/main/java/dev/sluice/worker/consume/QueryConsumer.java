package dev.sluice.worker.consume;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.Topics;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Drains {@link Topics#QUERIES} through a bounded in-flight window: every polled record
 * is started on its own ({@link InFlightWindow}), so a slow query holds only its own slot
 * and the {@code pool-size} query threads stay busy while there is backlog. The consumer
 * pauses all its partitions while the window is full or failed records back off, and
 * resumes once the window drained to half; the poll loop never waits for a query.
 * <p>
 * <b>Commits.</b> Each partition commits its highest contiguous completed offset + 1
 * ({@link OffsetTracker}), where completed means the terminal status was acknowledged by
 * Kafka: asynchronously every {@value OffsetCommits#INTERVAL_MS} ms, synchronously when
 * partitions are revoked and on shutdown. A crash re-delivers at most the window; the
 * pipeline's {@code FinishedQueries} keeps a re-delivered query from running twice in one
 * process, and across processes the ingress keeps the first terminal status.
 * <p>
 * <b>Rebalance.</b> On revocation the consumer waits up to
 * {@value PartitionRebalance#REVOKE_TIMEOUT_MS} ms for the running records of the revoked
 * partitions, commits what completed and abandons the rest, uncommitted, to the
 * partitions' next owner. Lost partitions are abandoned without a commit.
 * <p>
 * <b>Why a plain consumer on its own thread.</b> spring-kafka's record listener with
 * out-of-order manual acknowledgements ({@code asyncAcks}) pauses the consumer until
 * every record of the previous poll is acknowledged: the batch barrier again, one poll
 * later. Owning the {@link Consumer} gives direct control of poll, pause, resume,
 * {@code commitAsync} and {@code commitSync} in {@link ConsumerRebalanceListener}. The
 * consumer still comes from Boot's consumer factory, so {@code spring.kafka.*} settings
 * and the Kafka client metrics apply as before.
 * <p>
 * <b>Why the classic consumer group with the KIP-848 protocol.</b> Records are keyed by
 * query hash, so identical queries meet in one worker's cache; a consumer group keeps
 * that affinity, and {@code group.protocol=consumer} rebalances incrementally on the
 * broker, revoking only the partitions that move. Share groups (KIP-932) would spread one
 * key over every worker and are not read by the lag tools operators use
 * ({@code kafka-consumer-groups}, KEDA's Kafka scaler). Confluent's Parallel Consumer
 * does per-key concurrency but is unmaintained and does not support the Kafka 4 client.
 * See {@code docs/decisions/worker-window.md}.
 */
public final class QueryConsumer implements SmartLifecycle {

	/** Started after the cancel reader caught up, stopped before it. */
	static final int PHASE = Integer.MAX_VALUE - 100;

	private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

	private static final Duration SETTLE_WAIT = Duration.ofMillis(50);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration ERROR_PAUSE = Duration.ofSeconds(1);

	private static final Logger logger = LoggerFactory.getLogger(QueryConsumer.class);

	private static final Runnable STOPPED = () -> {
	};

	private final Supplier<Consumer<String, QuerySubmitted>> consumers;

	private final InFlightWindow window;

	private final OffsetCommits commits;

	private final Duration shutdownTimeout;

	private volatile boolean running;

	private volatile boolean active;

	private volatile int partitionsHeld;

	private volatile @Nullable Consumer<String, QuerySubmitted> consumer;

	/** The stop callback; {@link #STOPPED} once the consumer thread has ended. */
	private final AtomicReference<@Nullable Runnable> onStopped = new AtomicReference<>();

	private boolean paused;

	/**
	 * @param consumers creates the Kafka consumer, configured for the worker group
	 * @param window the in-flight window
	 * @param shutdownTimeout how long a stop waits for the window to drain
	 */
	QueryConsumer(Supplier<Consumer<String, QuerySubmitted>> consumers, InFlightWindow window,
			Duration shutdownTimeout) {
		this.consumers = consumers;
		this.window = window;
		this.commits = new OffsetCommits(window.offsets());
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * The consumer's client id, one per process: the ingress counts the workers consuming
	 * by it.
	 * @return {@code sluice-worker_<host>_<pid>}
	 */
	static String clientId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "localhost";
		}
		return "sluice-worker_" + host + "_" + ProcessHandle.current().pid();
	}

	/**
	 * @return the partitions of {@link Topics#QUERIES} this worker holds
	 */
	public int partitionsHeld() {
		return this.partitionsHeld;
	}

	/**
	 * @return the records waiting for or holding a query thread
	 */
	public int inFlight() {
		return this.window.queued();
	}

	/**
	 * @return the records between poll and commit
	 */
	public int uncommitted() {
		return this.window.size();
	}

	@Override
	public void start() {
		Consumer<String, QuerySubmitted> consumer = this.consumers.get();
		this.window.onRoom(consumer::wakeup);
		this.consumer = consumer;
		this.running = true;
		this.active = true;
		Thread thread = new Thread(() -> run(consumer), "sluice-consumer");
		thread.start();
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		this.consumer.wakeup();
		if (!this.onStopped.compareAndSet(null, callback)) {
			callback.run();
		}
	}

	@Override
	public void stop() {
		CountDownLatch stopped = new CountDownLatch(1);
		stop(stopped::countDown);
		try {
			stopped.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.active;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void run(Consumer<String, QuerySubmitted> consumer) {
		try {
			consumer.subscribe(List.of(Topics.QUERIES), new PartitionRebalance(consumer, this.window, this.commits,
					() -> this.paused, (held) -> this.partitionsHeld = held));
			while (this.running) {
				try {
					consumeOnce(consumer);
				}
				catch (WakeupException ex) {
					// The window drained, or stop() was called: look again at once.
				}
				catch (RuntimeException ex) {
					// The consumer must outlive a bad poll or a rebalance race: it is the
					// worker's only one, and its window's records are still tracked.
					logger.warn("Consuming {} failed, going on in {}: {}", Topics.QUERIES, ERROR_PAUSE, ex.toString());
					Thread.sleep(ERROR_PAUSE);
				}
			}
			drain(consumer);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			logger.error("The query consumer stopped; the records of its window will be delivered again", ex);
		}
		finally {
			close(consumer);
			this.partitionsHeld = 0;
			this.active = false;
			Runnable callback = this.onStopped.getAndSet(STOPPED);
			if (callback != null) {
				callback.run();
			}
		}
	}

	private void consumeOnce(Consumer<String, QuerySubmitted> consumer) {
		this.window.settle();
		this.window.retryIfDue();
		// Before the poll: the wake-up of a window that drained must resume the
		// partitions
		// now, not after a poll that waits its whole timeout on paused partitions.
		pauseOrResume(consumer);
		Duration untilRetry = this.window.untilRetry();
		Duration timeout = (untilRetry != null && untilRetry.compareTo(POLL_TIMEOUT) < 0) ? untilRetry : POLL_TIMEOUT;
		ConsumerRecords<String, QuerySubmitted> records = consumer.poll(timeout);
		records.forEach(this.window::dispatch);
		if (logger.isTraceEnabled()) {
			logger.trace("Polled {} records, {} in flight, {} uncommitted", records.count(), this.window.queued(),
					this.window.size());
		}
		// After it: a window the poll filled pauses before the next poll fetches more.
		pauseOrResume(consumer);
		this.commits.commitAsyncIfDue(consumer);
	}

	/**
	 * Pause or resume every assigned partition. The assignment may change under a
	 * rebalance on the consumer's background thread; a partition revoked meanwhile makes
	 * pause or resume fail, and it is tried again on the next round.
	 */
	private void pauseOrResume(Consumer<String, QuerySubmitted> consumer) {
		boolean pause = this.window.wantsPause();
		if (pause && !this.paused) {
			consumer.pause(consumer.assignment());
			logger.debug("Paused with {} records in flight, {} uncommitted", this.window.queued(), this.window.size());
		}
		else if (!pause && this.paused) {
			Set<TopicPartition> paused = new HashSet<>(consumer.paused());
			paused.retainAll(consumer.assignment());
			consumer.resume(paused);
			logger.debug("Resumed with {} records in flight, {} uncommitted", this.window.queued(), this.window.size());
		}
		this.paused = pause;
	}

	/**
	 * Wait for the running records up to the shutdown timeout, commit what completed and
	 * leave the rest, uncommitted, to the next owner of their partitions.
	 */
	private void drain(Consumer<String, QuerySubmitted> consumer) throws InterruptedException {
		consumer.pause(consumer.assignment());
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		while (this.window.running() > 0 && System.nanoTime() - deadline < 0) {
			this.window.settle(SETTLE_WAIT);
		}
		this.window.settle();
		if (this.window.running() > 0) {
			logger.warn("Stopping with {} queries still running; they will be delivered again", this.window.running());
		}
		this.commits.commitSync(consumer, this.window.offsets().takeCommits());
		this.window.revoke(this.window.offsets().partitions());
	}

	private void close(Consumer<String, QuerySubmitted> consumer) {
		try {
			consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
		}
		catch (RuntimeException ex) {
			// Leaving the group failed; the broker expires the member instead.
			logger.warn("Closing the query consumer failed: {}", ex.getMessage());
		}
	}

}
