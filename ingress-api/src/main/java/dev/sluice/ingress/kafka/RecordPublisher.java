package dev.sluice.ingress.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Writes one record and waits until Kafka acknowledged it ({@code acks=all}, idempotent
 * producer). The producer's own timeouts ({@code max.block.ms},
 * {@code delivery.timeout.ms}) bound the wait; {@link #ACK_TIMEOUT} is a backstop so that
 * no request ever hangs on Kafka.
 *
 * <p>
 * Blocks the calling thread; request threads are virtual, so a wait costs no platform
 * thread.
 */
@Component
public class RecordPublisher {

	private static final Logger logger = LoggerFactory.getLogger(RecordPublisher.class);

	/** The longest a caller waits for an acknowledgement. */
	static final Duration ACK_TIMEOUT = Duration.ofSeconds(6);

	private final KafkaTemplate<String, Object> template;

	RecordPublisher(KafkaTemplate<String, Object> template) {
		this.template = template;
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
		try {
			SendResult<String, Object> result = this.template.send(topic, key, value)
				.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			return result.getRecordMetadata();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable(topic, key, ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			throw unavailable(topic, key, (ex instanceof ExecutionException) ? ex.getCause() : ex);
		}
	}

	private static KafkaUnavailableException unavailable(String topic, String key, Throwable cause) {
		String reason = (cause != null && cause.getMessage() != null) ? cause.getMessage() : String.valueOf(cause);
		return new KafkaUnavailableException("Kafka did not acknowledge the record for " + key + " on " + topic
				+ " in time (" + reason + "); nothing was accepted, retry in a few seconds", cause);
	}

}
