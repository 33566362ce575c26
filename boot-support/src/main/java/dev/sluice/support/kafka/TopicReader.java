package dev.sluice.support.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of one topic without a consumer group: the partitions are
 * assigned by hand, nothing is committed and no rebalance ever pauses the reading, so
 * every process that runs one sees every record. It reads to the end of the topic, then
 * follows it; partitions added to the topic later are read from their beginning.
 *
 * <pre>{@code
 * TopicReader<String, byte[]> reader = TopicReader.fromBeginning(topic, consumers,
 *         (records) -> records.forEach(this::apply));
 * reader.follow("sluice-results");           // opens a consumer and reads on its own thread
 * reader.isCaughtUp();                        // all that was in the topic when it opened was handled
 * reader.reach(endOffsets).get(3, SECONDS);   // all before these offsets was handled
 * reader.stop();
 * }</pre>
 *
 * A reader that must not start without the topic opens and catches up on the calling
 * thread first:
 *
 * <pre>{@code
 * reader.open(timeout);                       // throws if the topic has no partitions in time
 * boolean caughtUp = reader.catchUp(timeout); // false if the end was not reached in time
 * reader.follow("sluice-cancels");
 * }</pre>
 *
 * <p>
 * Threading: the handler runs on the reading thread, one poll's records at a time, and a
 * record counts as read ({@link #reach}, {@link #isCaughtUp}) only once the handler has
 * returned. {@link #open} and {@link #catchUp} run on the calling thread and come before
 * {@link #follow}. After a failure the reading thread waits a second, opens a new
 * consumer and goes on from where it was.
 *
 * @param <K> the record key type
 * @param <V> the record value type
 */
public final class TopicReader<K, V> {

	private static final Logger logger = LoggerFactory.getLogger(TopicReader.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Duration PARTITION_CHECK = Duration.ofMinutes(1);

	private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

	/** How long the reading thread's attempt to open a consumer may wait for Kafka. */
	private static final Duration REOPEN_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

	private final String topic;

	private final Supplier<Consumer<K, V>> consumers;

	private final TopicAssignment assignment;

	private final Handler<K, V> handler;

	private final ReadPositions positions = new ReadPositions();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile List<TopicPartition> partitions = List.of();

	private volatile Map<TopicPartition, Long> endWhenOpened = Map.of();

	private volatile boolean caughtUp;

	private volatile boolean running;

	private volatile @Nullable Consumer<K, V> consumer;

	private @Nullable Thread thread;

	/** Of the thread that reads; handed over by {@link #follow}. */
	private long nextPartitionCheck;

	private long readBeforeCaughtUp;

	private TopicReader(String topic, Supplier<Consumer<K, V>> consumers, @Nullable Instant since,
			Handler<K, V> handler) {
		this.topic = topic;
		this.consumers = consumers;
		this.assignment = new TopicAssignment(topic, since);
		this.handler = handler;
	}

	/**
	 * A reader that starts every partition at its beginning.
	 * @param topic the topic
	 * @param consumers makes a consumer without a group id and without auto-commit; asked
	 * again after a failure
	 * @param handler what to do with each poll's records
	 * @return the reader, not yet reading
	 */
	public static <K, V> TopicReader<K, V> fromBeginning(String topic, Supplier<Consumer<K, V>> consumers,
			Handler<K, V> handler) {
		return new TopicReader<>(topic, consumers, null, handler);
	}

	/**
	 * A reader that starts every partition at its first record written at or after
	 * {@code since}, or at its end if there is none.
	 * @param since the earliest record time to read
	 * @param topic the topic
	 * @param consumers makes a consumer without a group id and without auto-commit; asked
	 * again after a failure
	 * @param handler what to do with each poll's records
	 * @return the reader, not yet reading
	 */
	public static <K, V> TopicReader<K, V> since(Instant since, String topic, Supplier<Consumer<K, V>> consumers,
			Handler<K, V> handler) {
		return new TopicReader<>(topic, consumers, since, handler);
	}

	/**
	 * Open a consumer on the calling thread: assign every partition, seek each to where
	 * reading starts, and take the end offsets that {@link #isCaughtUp} waits for.
	 * @param timeout how long the topic may have no partitions yet, and how long each
	 * call to Kafka may take
	 * @throws IllegalStateException if the topic has no partitions within the timeout
	 * @throws KafkaException if Kafka fails or does not answer in time
	 */
	public void open(Duration timeout) {
		Consumer<K, V> created = this.consumers.get();
		this.consumer = created;
		try {
			List<TopicPartition> all = this.assignment.assignAll(created, this.positions, timeout);
			this.partitions = all;
			if (!this.caughtUp) {
				this.endWhenOpened = created.endOffsets(all, timeout);
			}
			this.nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
			logger.info("Reading {} from {} partitions", this.topic, all.size());
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Read on the calling thread until everything that was in the topic when it was
	 * {@linkplain #open opened} has been handled.
	 * @param timeout how long to read before giving up
	 * @return whether it caught up within the timeout
	 * @throws KafkaException if reading fails
	 */
	public boolean catchUp(Duration timeout) {
		Consumer<K, V> current = this.consumer;
		if (current == null) {
			throw new IllegalStateException("open() the reader of " + this.topic + " before catching up");
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		progressed(current, 0);
		while (!this.caughtUp) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			readOnce(current);
		}
		return true;
	}

	/**
	 * Read on a new daemon thread until {@link #stop}, opening a consumer first unless
	 * {@link #open} did.
	 * @param threadName the thread's name
	 */
	public void follow(String threadName) {
		this.running = true;
		this.thread = Thread.ofPlatform().name(threadName).daemon().start(this::run);
	}

	/**
	 * Stop reading and close the consumer; waits up to 10 s for the reading thread.
	 */
	public void stop() {
		this.running = false;
		if (this.thread == null) {
			close();
			return;
		}
		Consumer<K, V> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		try {
			if (!this.stopped.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("The reader of {} did not stop within {} s", this.topic, STOP_TIMEOUT.toSeconds());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Whether everything that was in the topic when the reader first opened has been
	 * handled.
	 * @return {@code true} once caught up, and from then on
	 */
	public boolean isCaughtUp() {
		return this.caughtUp;
	}

	/**
	 * The partitions being read.
	 * @return the partitions; empty until the reader has opened
	 */
	public List<TopicPartition> partitions() {
		return this.partitions;
	}

	/**
	 * Wait until every record before the given offsets has been handled.
	 * @param endOffsets per partition, the offset the position must reach
	 * @return completes once reached; never fails, the caller bounds the wait
	 */
	public CompletableFuture<Void> reach(Map<TopicPartition, Long> endOffsets) {
		return this.positions.reach(endOffsets);
	}

	private void run() {
		try {
			while (this.running) {
				try {
					if (this.consumer == null) {
						open(REOPEN_TIMEOUT);
					}
					Consumer<K, V> current = this.consumer;
					while (this.running) {
						readOnce(current);
					}
				}
				catch (WakeupException ex) {
					// stop() woke the consumer up; the loop ends because running is
					// false.
				}
				catch (RuntimeException ex) {
					logger.error("Reading {} failed; retrying in {} s from the last positions", this.topic,
							RETRY_PAUSE.toSeconds(), ex);
					close();
					pause();
				}
			}
		}
		finally {
			close();
			this.stopped.countDown();
		}
	}

	private void readOnce(Consumer<K, V> consumer) {
		if (System.nanoTime() - this.nextPartitionCheck > 0) {
			this.partitions = this.assignment.addNew(consumer, this.partitions, POLL);
			this.nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
		}
		ConsumerRecords<K, V> records = consumer.poll(POLL);
		this.handler.handle(records);
		progressed(consumer, records.count());
	}

	private void progressed(Consumer<K, V> consumer, int handled) {
		this.positions.update(consumer, this.partitions, POLL);
		if (!this.caughtUp) {
			this.readBeforeCaughtUp += handled;
			if (this.positions.reached(this.endWhenOpened)) {
				this.caughtUp = true;
				logger.info("Caught up with {}: {} records read", this.topic, this.readBeforeCaughtUp);
			}
		}
	}

	private void close() {
		Consumer<K, V> current = this.consumer;
		this.consumer = null;
		if (current == null) {
			return;
		}
		try {
			current.close();
		}
		catch (KafkaException ex) {
			// Best effort: the consumer is dropped either way.
			logger.debug("Closing the reader of {}: {}", this.topic, ex.getMessage());
		}
	}

	private void pause() {
		try {
			Thread.sleep(RETRY_PAUSE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
	}

	/**
	 * What a reader does with the records of one poll, on its reading thread.
	 *
	 * @param <K> the record key type
	 * @param <V> the record value type
	 */
	@FunctionalInterface
	public interface Handler<K, V> {

		/**
		 * Handle the records of one poll; called after every poll, also when it returned
		 * none.
		 * @param records the records, in offset order within each partition
		 */
		void handle(ConsumerRecords<K, V> records);

	}

}
