package dev.sluice.ingress.results;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.StatusHead;
import dev.sluice.contract.StatusHeaders;
import dev.sluice.contract.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of {@link Topics#RESULTS} from the beginning into the
 * {@link StatusView}, on one dedicated thread with a plain consumer: manually assigned,
 * no consumer group, no committed offsets, so every ingress replica sees every status.
 *
 * <p>
 * It tracks its position per partition, which gives two guarantees: {@link #isCaughtUp()}
 * turns true once everything that was in the topic at start-up has been applied, and
 * {@link #reach(Map)} completes once given end offsets have been applied, which is what
 * the read barrier waits for.
 */
final class ResultsMaterializer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ResultsMaterializer.class);

	private static final Duration POLL = Duration.ofMillis(200);

	private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

	private static final Duration PARTITION_CHECK = Duration.ofMinutes(1);

	private final Supplier<Consumer<String, byte[]>> consumers;

	private final StatusView view;

	private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();

	private final Queue<PositionWaiter> waiters = new ConcurrentLinkedQueue<>();

	private final CountDownLatch stopped = new CountDownLatch(1);

	private volatile List<TopicPartition> partitions = List.of();

	private volatile boolean caughtUp;

	private volatile boolean running;

	private volatile @Nullable Consumer<String, byte[]> consumer;

	private @Nullable Thread thread;

	ResultsMaterializer(Supplier<Consumer<String, byte[]>> consumers, StatusView view) {
		this.consumers = consumers;
		this.view = view;
	}

	@Override
	public void start() {
		this.running = true;
		this.thread = Thread.ofPlatform().name("sluice-results-materializer").daemon().start(this::run);
	}

	@Override
	public void stop() {
		this.running = false;
		Consumer<String, byte[]> current = this.consumer;
		if (current != null) {
			current.wakeup();
		}
		try {
			if (!this.stopped.await(10, TimeUnit.SECONDS)) {
				logger.warn("The results materializer did not stop within 10 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Starts before the web server accepts requests and stops only after it has finished
	 * them, so that requests in flight during a graceful shutdown still see new statuses.
	 */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
	}

	boolean isCaughtUp() {
		return this.caughtUp;
	}

	/**
	 * The partitions of the results topic, once assigned.
	 * @return the partitions; empty until the materializer has started reading
	 */
	List<TopicPartition> partitions() {
		return this.partitions;
	}

	/**
	 * Wait until every given offset has been applied to the view.
	 * @param endOffsets per partition, the offset the position must reach
	 * @return completes once the view holds every record before those offsets; never
	 * fails, the caller bounds the wait
	 */
	CompletableFuture<Void> reach(Map<TopicPartition, Long> endOffsets) {
		PositionWaiter waiter = new PositionWaiter(Map.copyOf(endOffsets), new CompletableFuture<>());
		this.waiters.add(waiter);
		if (waiter.tryComplete(this.positions)) {
			this.waiters.remove(waiter);
		}
		waiter.reached().whenComplete((done, failure) -> this.waiters.remove(waiter));
		return waiter.reached();
	}

	private void run() {
		try {
			while (this.running) {
				try (Consumer<String, byte[]> created = this.consumers.get()) {
					this.consumer = created;
					consume(created);
				}
				catch (WakeupException ex) {
					// stop() woke the consumer up; the loop ends because running is
					// false.
				}
				catch (KafkaException | IllegalStateException ex) {
					logger.error("Reading {} failed; retrying in {} s from the last positions", Topics.RESULTS,
							RETRY_PAUSE.toSeconds(), ex);
					pause();
				}
			}
		}
		finally {
			this.consumer = null;
			this.stopped.countDown();
		}
	}

	private void consume(Consumer<String, byte[]> consumer) {
		List<TopicPartition> assigned = assign(consumer);
		Map<TopicPartition, Long> startUpEnd = this.caughtUp ? Map.of() : consumer.endOffsets(assigned);
		logger.info("Materializing {} from {} partitions; {} records to catch up with", Topics.RESULTS, assigned.size(),
				startUpEnd.values().stream().mapToLong(Long::longValue).sum());
		long nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
		while (this.running) {
			if (System.nanoTime() - nextPartitionCheck > 0) {
				assigned = reassignIfGrown(consumer, assigned);
				nextPartitionCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
			}
			ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
			for (ConsumerRecord<String, byte[]> record : records) {
				apply(record);
			}
			this.view.trim();
			updatePositions(consumer, assigned);
			if (!this.caughtUp && reached(startUpEnd)) {
				this.caughtUp = true;
				logger.info("Caught up with {}: {} statuses in view", Topics.RESULTS, this.view.size());
			}
			this.waiters.removeIf((waiter) -> waiter.tryComplete(this.positions));
		}
	}

	private void updatePositions(Consumer<String, byte[]> consumer, List<TopicPartition> assigned) {
		for (TopicPartition partition : assigned) {
			try {
				this.positions.put(partition, consumer.position(partition, POLL));
			}
			catch (TimeoutException ex) {
				// Not known yet (Kafka unreachable since start-up): the barrier keeps
				// waiting.
			}
		}
	}

	/**
	 * Partitions added to the topic while running would otherwise never be read, and
	 * their statuses would be missing from this replica only.
	 */
	private List<TopicPartition> reassignIfGrown(Consumer<String, byte[]> consumer, List<TopicPartition> assigned) {
		try {
			List<PartitionInfo> infos = consumer.partitionsFor(Topics.RESULTS, POLL);
			if (infos != null && infos.size() > assigned.size()) {
				logger.info("{} grew from {} to {} partitions; reading the new ones too", Topics.RESULTS,
						assigned.size(), infos.size());
				return assign(consumer);
			}
		}
		catch (TimeoutException ex) {
			// Kafka is slow or away; check again at the next interval.
		}
		return assigned;
	}

	private List<TopicPartition> assign(Consumer<String, byte[]> consumer) {
		List<PartitionInfo> infos = consumer.partitionsFor(Topics.RESULTS);
		if (infos == null || infos.isEmpty()) {
			throw new IllegalStateException("Topic " + Topics.RESULTS + " has no partitions yet");
		}
		List<TopicPartition> assigned = infos.stream()
			.map((info) -> new TopicPartition(info.topic(), info.partition()))
			.toList();
		consumer.assign(assigned);
		for (TopicPartition partition : assigned) {
			Long position = this.positions.get(partition);
			if (position != null) {
				consumer.seek(partition, position);
			}
			else {
				consumer.seekToBeginning(List.of(partition));
			}
		}
		this.partitions = assigned;
		return assigned;
	}

	/**
	 * Keeps the record's value as it came: the head is read from the record's headers,
	 * and only a record written without them (by an older worker) is decoded, once. A
	 * record without a value withdraws the {@code QUEUED} status of a query its ingress
	 * could not queue after all.
	 */
	private void apply(ConsumerRecord<String, byte[]> record) {
		try {
			if (record.value() == null) {
				if (record.key() != null) {
					this.view.withdraw(record.key());
				}
				return;
			}
			StatusHead head = StatusHeaders.read(record.key(), record.headers());
			EncodedStatus status = (head != null) ? EncodedStatus.of(head, record.value())
					: EncodedStatus.decode(record.value());
			if (status.id() == null || status.state() == null) {
				logger.warn("Skipping a status without id or state at {}-{}@{}", record.topic(), record.partition(),
						record.offset());
				return;
			}
			this.view.apply(status);
		}
		catch (RuntimeException ex) {
			// A record no ingress can read must not stop the view for every other query.
			logger.warn("Skipping an undecodable status at {}-{}@{}: {}", record.topic(), record.partition(),
					record.offset(), ex.getMessage());
		}
	}

	private boolean reached(Map<TopicPartition, Long> endOffsets) {
		return endOffsets.entrySet()
			.stream()
			.allMatch((end) -> this.positions.getOrDefault(end.getKey(), -1L) >= end.getValue());
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

	/** A read barrier waiting for the materializer to reach some offsets. */
	private record PositionWaiter(Map<TopicPartition, Long> endOffsets, CompletableFuture<Void> reached) {

		boolean tryComplete(Map<TopicPartition, Long> positions) {
			boolean done = this.endOffsets.entrySet()
				.stream()
				.allMatch((end) -> positions.getOrDefault(end.getKey(), -1L) >= end.getValue());
			if (done) {
				this.reached.complete(null);
			}
			return done || this.reached.isDone();
		}

	}

}
