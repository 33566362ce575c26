package dev.sluice.ingress.view;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.StatusHead;
import dev.sluice.contract.StatusHeaders;
import dev.sluice.contract.Topics;
import dev.sluice.support.kafka.TopicReader;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Reads every partition of {@link Topics#RESULTS} from the beginning into the
 * {@link StatusView}, on one dedicated thread with a {@link TopicReader}: manually
 * assigned, no consumer group, no committed offsets, so every ingress replica sees every
 * status.
 *
 * <p>
 * The reader tracks its position per partition, which gives two guarantees:
 * {@link #isCaughtUp()} turns true once everything that was in the topic at start-up has
 * been applied, and {@link #reach(Map)} completes once given end offsets have been
 * applied, which is what the read barrier waits for.
 */
final class ResultsMaterializer implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ResultsMaterializer.class);

	private final StatusView view;

	private final TopicReader<String, byte[]> reader;

	ResultsMaterializer(Supplier<Consumer<String, byte[]>> consumers, StatusView view) {
		this.view = view;
		this.reader = TopicReader.fromBeginning(Topics.RESULTS, consumers, this::applyAll);
	}

	@Override
	public void start() {
		this.reader.follow("sluice-results-materializer");
	}

	@Override
	public void stop() {
		this.reader.stop();
	}

	@Override
	public boolean isRunning() {
		return this.reader.isRunning();
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
		return this.reader.isCaughtUp();
	}

	/**
	 * The partitions of the results topic, once assigned.
	 * @return the partitions; empty until the materializer has started reading
	 */
	List<TopicPartition> partitions() {
		return this.reader.partitions();
	}

	/**
	 * Wait until every given offset has been applied to the view.
	 * @param endOffsets per partition, the offset the position must reach
	 * @return completes once the view holds every record before those offsets; never
	 * fails, the caller bounds the wait
	 */
	CompletableFuture<Void> reach(Map<TopicPartition, Long> endOffsets) {
		return this.reader.reach(endOffsets);
	}

	private void applyAll(ConsumerRecords<String, byte[]> records) {
		for (ConsumerRecord<String, byte[]> record : records) {
			apply(record);
		}
		this.view.trim();
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

}
