package dev.sluice.ingress.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.StatusHeaders;
import dev.sluice.contract.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Writes records and waits until Kafka acknowledged them ({@code acks=all}, idempotent
 * producer). The producer's own timeouts ({@code max.block.ms},
 * {@code delivery.timeout.ms}) bound the wait; {@link #ACK_TIMEOUT} is a backstop so that
 * no request ever hangs on Kafka.
 *
 * <pre>{@code
 * publisher.publish(Topics.CANCELS, id, cancel);           // one record, one wait
 * long deadline = RecordPublisher.deadline();               // several records, one wait:
 * CompletableFuture<RecordMetadata> a = publisher.send(first), b = publisher.send(second);
 * publisher.await(a, first, deadline); publisher.await(b, second, deadline);
 * }</pre>
 *
 * <p>
 * Blocks the calling thread; request threads are virtual, so a wait costs no platform
 * thread.
 */
public class RecordPublisher {

	/**
	 * The longest a caller waits for an acknowledgement: just past the producer's
	 * {@code delivery.timeout.ms} (10 s), so that the producer's own verdict comes first.
	 * Both outlast a leader election after a broker crash (the controller fences a silent
	 * broker after its session timeout, 4 s on the local cluster, 9 s by Kafka's default,
	 * plus a second for the producer to learn the new leader): a submission during an
	 * election is delayed, not refused. Only Kafka out of reach for longer answers 503.
	 */
	static final Duration ACK_TIMEOUT = Duration.ofSeconds(11);

	private static final Logger logger = LoggerFactory.getLogger(RecordPublisher.class);

	private final KafkaTemplate<String, Object> template;

	RecordPublisher(KafkaTemplate<String, Object> template) {
		this.template = template;
	}

	/**
	 * The {@link Topics#RESULTS} record of a status: its document's bytes as the value,
	 * written as they are, and its head as {@link StatusHeaders}.
	 * @param status the status
	 * @return the record, keyed by the query id
	 */
	public static ProducerRecord<String, Object> statusRecord(EncodedStatus status) {
		RecordHeaders headers = new RecordHeaders();
		StatusHeaders.write(status.head(), headers);
		return new ProducerRecord<>(Topics.RESULTS, null, status.id(), status.json(), headers);
	}

	/**
	 * When a wait for acknowledgements that starts now must end.
	 * @return a {@link System#nanoTime()} deadline
	 */
	public static long deadline() {
		return System.nanoTime() + ACK_TIMEOUT.toNanos();
	}

	/**
	 * Write a record and wait for its acknowledgement.
	 * @param topic the topic
	 * @param key the record key
	 * @param value the message record, encoded by {@code JsonCodec}
	 * @return where the record was written
	 * @throws KafkaUnavailableException if Kafka did not acknowledge it in time; the
	 * record may or may not have been written
	 */
	public RecordMetadata publish(String topic, String key, Object value) {
		ProducerRecord<String, Object> record = new ProducerRecord<>(topic, key, value);
		return await(send(record), record, deadline());
	}

	/**
	 * Start writing a record, without waiting.
	 * @param record the record
	 * @return completes when Kafka acknowledged it, or exceptionally if it refused it or
	 * the producer gave up; never throws itself
	 */
	public CompletableFuture<RecordMetadata> send(ProducerRecord<String, Object> record) {
		try {
			return this.template.send(record).thenApply(SendResult::getRecordMetadata);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Wait for the acknowledgement of a record.
	 * @param sent what {@link #send} returned
	 * @param record the record, for error messages
	 * @param deadline the {@link System#nanoTime()} by which to give up
	 * @return where the record was written
	 * @throws KafkaUnavailableException if Kafka did not acknowledge it in time; the
	 * record may or may not have been written
	 */
	public RecordMetadata await(CompletableFuture<RecordMetadata> sent, ProducerRecord<String, Object> record,
			long deadline) {
		try {
			return sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable(record, ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			throw unavailable(record, (ex instanceof ExecutionException) ? ex.getCause() : ex);
		}
	}

	private static KafkaUnavailableException unavailable(ProducerRecord<String, Object> record,
			@Nullable Throwable cause) {
		// Kafka's reason is for this log; the client learns what to do.
		logger.warn("Kafka did not acknowledge the record for {} on {} in time: {}", record.key(), record.topic(),
				String.valueOf(cause));
		return new KafkaUnavailableException("Kafka did not acknowledge the record for " + record.key() + " on "
				+ record.topic() + " in time; nothing was accepted, retry in a few seconds", cause);
	}

}
