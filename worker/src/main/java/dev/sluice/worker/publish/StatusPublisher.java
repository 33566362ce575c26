package dev.sluice.worker.publish;

import java.util.concurrent.CompletableFuture;

import dev.sluice.contract.QueryError;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.TopicLayout;
import dev.sluice.contract.Topics;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes state changes to {@link Topics#RESULTS}, keyed by query id so that every
 * change of one query lands on one partition, in order.
 *
 * <pre>{@code
 * publisher.publishRunning(status.running(now));                 // fire and forget
 * publisher.publishTerminal(status.succeeded(now, MISS, result)) // completes on ack
 *     .thenAccept((published) -> commitLater());
 * }</pre>
 */
public class StatusPublisher {

	/** The code of a result that does not fit into one Kafka record. */
	public static final String RESULT_TOO_LARGE = "RESULT_TOO_LARGE";

	private static final Logger logger = LoggerFactory.getLogger(StatusPublisher.class);

	private final KafkaTemplate<Object, Object> template;

	StatusPublisher(KafkaTemplate<Object, Object> template) {
		this.template = template;
	}

	/**
	 * Publish a {@link QueryState#RUNNING} status without waiting for Kafka. Losing it is
	 * harmless: the terminal status follows on the same partition and supersedes it.
	 * @param running the status
	 */
	public void publishRunning(QueryStatus running) {
		send(running).whenComplete((ignored, ex) -> {
			if (ex != null) {
				logger.warn("Could not publish RUNNING of query {}: {}", running.id(), ex.getMessage());
			}
		});
	}

	/**
	 * Publish a terminal status and complete once Kafka acknowledged it. A result too
	 * large for one record is replaced by a {@link QueryState#FAILED} status with code
	 * {@value #RESULT_TOO_LARGE}.
	 * @param terminal the terminal status
	 * @return the status that was acknowledged, or a future failed with the Kafka error
	 * when nothing could be published
	 */
	public CompletableFuture<QueryStatus> publishTerminal(QueryStatus terminal) {
		return send(terminal).handle((ignored, ex) -> {
			if (ex == null) {
				return CompletableFuture.completedFuture(terminal);
			}
			if (terminal.state() == QueryState.SUCCEEDED && isTooLarge(ex)) {
				logger.warn("Result of query {} ({} rows) is too large to publish", terminal.id(),
						terminal.result().rowCount());
				return publishTerminal(tooLarge(terminal));
			}
			return CompletableFuture.<QueryStatus>failedFuture(ex);
		}).thenCompose((published) -> published);
	}

	private CompletableFuture<?> send(QueryStatus status) {
		try {
			return this.template.send(Topics.RESULTS, status.id(), status);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	static QueryStatus tooLarge(QueryStatus succeeded) {
		QueryError error = new QueryError(RESULT_TOO_LARGE,
				"the result (" + succeeded.result().rowCount() + " rows) is larger than the "
						+ (TopicLayout.MAX_MESSAGE_BYTES / (1024 * 1024))
						+ " MiB a Kafka record may hold; lower maxRows of query '" + succeeded.query()
						+ "' in the catalog or select fewer columns");
		return new QueryStatus(succeeded.id(), succeeded.query(), QueryState.FAILED, succeeded.submittedAt(),
				succeeded.startedAt(), succeeded.completedAt(), succeeded.cache(), null, error);
	}

	private static boolean isTooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RecordTooLargeException) {
				return true;
			}
		}
		return false;
	}

}
