package dev.sluice.worker.publish;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.sluice.contract.EncodedResult;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.QueryError;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.StatusHead;
import dev.sluice.contract.StatusHeaders;
import dev.sluice.contract.TopicLayout;
import dev.sluice.contract.Topics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes state changes to {@link Topics#RESULTS}, keyed by query id so that every
 * change of one query lands on one partition, in order. Each record's value is the status
 * document exactly as {@link EncodedStatus#json()} holds it, and its headers are the
 * {@link StatusHeaders} of that status, so a reader indexes it without decoding it.
 *
 * <pre>{@code
 * PendingRunning running = publisher.publishRunning(status.running(now)); // after a delay
 * ...
 * running.withdraw();                                                     // then:
 * publisher.publishTerminal(EncodedStatus.of(succeeded, encodedRows))    // completes on ack
 *     .thenAccept((published) -> commitLater());
 * }</pre>
 */
public class StatusPublisher implements AutoCloseable {

	/** The code of a result that does not fit into one Kafka record. */
	public static final String RESULT_TOO_LARGE = "RESULT_TOO_LARGE";

	/**
	 * Room left in a record for the key, the headers and the batch framing; they take
	 * well under this.
	 */
	static final int RECORD_HEADROOM = 4096;

	private static final Logger logger = LoggerFactory.getLogger(StatusPublisher.class);

	private final KafkaTemplate<Object, Object> template;

	private final Duration runningStatusAfter;

	private final ScheduledThreadPoolExecutor runningScheduler;

	/**
	 * @param template the worker's producer
	 * @param runningStatusAfter how long an execution must have run before its RUNNING
	 * status is published
	 */
	StatusPublisher(KafkaTemplate<Object, Object> template, Duration runningStatusAfter) {
		this.template = template;
		this.runningStatusAfter = runningStatusAfter;
		this.runningScheduler = new ScheduledThreadPoolExecutor(1,
				Thread.ofPlatform().name("sluice-running-status").daemon().factory());
		// Most queries end within the delay: their withdrawn timers must not pile up.
		this.runningScheduler.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Publish a {@link QueryState#RUNNING} status if the query is still running after
	 * {@code sluice.worker.running-status-after}, from a scheduler thread, without
	 * waiting for Kafka. Losing it is harmless: the terminal status follows on the same
	 * partition and supersedes it.
	 * @param running the status
	 * @return the pending status, which the query must
	 * {@linkplain PendingRunning#withdraw withdraw} before it publishes its terminal
	 * status
	 */
	public PendingRunning publishRunning(QueryStatus running) {
		return PendingRunning.schedule(running, this::sendRunning, this.runningScheduler, this.runningStatusAfter);
	}

	private void sendRunning(QueryStatus running) {
		send(EncodedStatus.of(running)).whenComplete((ignored, ex) -> {
			if (ex != null) {
				logger.warn("Could not publish RUNNING of query {}: {}", running.id(), ex.getMessage());
			}
		});
	}

	/**
	 * Publish a terminal status and complete once Kafka acknowledged it. A result too
	 * large for one record is replaced by a {@link QueryState#FAILED} status with code
	 * {@value #RESULT_TOO_LARGE}: found before sending when its size shows it, or when
	 * Kafka refuses the record.
	 * @param terminal the terminal status
	 * @return the status that was acknowledged, or a future failed with the Kafka error
	 * when nothing could be published
	 */
	public CompletableFuture<EncodedStatus> publishTerminal(EncodedStatus terminal) {
		if (terminal.rows() != null && !fitsOneRecord(terminal)) {
			logger.warn("Result of query {} ({} rows, {} bytes) is too large to publish", terminal.id(),
					terminal.rows().rowCount(), terminal.json().length);
			return publishTerminal(tooLarge(terminal));
		}
		return send(terminal).handle((ignored, ex) -> {
			if (ex == null) {
				return CompletableFuture.completedFuture(terminal);
			}
			if (terminal.rows() != null && isTooLarge(ex)) {
				logger.warn("Result of query {} ({} rows) is too large to publish", terminal.id(),
						terminal.rows().rowCount());
				return publishTerminal(tooLarge(terminal));
			}
			return CompletableFuture.<EncodedStatus>failedFuture(ex);
		}).thenCompose((published) -> published);
	}

	private CompletableFuture<?> send(EncodedStatus status) {
		try {
			ProducerRecord<Object, Object> record = new ProducerRecord<>(Topics.RESULTS, null, status.id(),
					status.json());
			StatusHeaders.write(status.head(), record.headers());
			return this.template.send(record);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Pending RUNNING statuses are dropped: their queries are not waited for any more.
	 */
	@Override
	public void close() {
		this.runningScheduler.shutdownNow();
	}

	static boolean fitsOneRecord(EncodedStatus status) {
		return status.json().length <= TopicLayout.MAX_MESSAGE_BYTES - RECORD_HEADROOM;
	}

	/**
	 * The failure that replaces a succeeded status whose rows do not fit one record.
	 * @param succeeded the status, built around its encoded rows
	 * @return the failure, with the same times and cache outcome and no rows
	 */
	static EncodedStatus tooLarge(EncodedStatus succeeded) {
		StatusHead head = succeeded.head();
		EncodedResult rows = succeeded.rows();
		QueryError error = new QueryError(RESULT_TOO_LARGE,
				"the result (" + rows.rowCount() + " rows, " + mebibytes(rows.size()) + " MiB) is larger than the "
						+ mebibytes(TopicLayout.MAX_MESSAGE_BYTES)
						+ " MiB a Kafka record may hold; lower maxRows of query '" + head.query()
						+ "' in the catalog or select fewer columns");
		return EncodedStatus.of(new QueryStatus(head.id(), head.query(), head.client(), QueryState.FAILED,
				head.submittedAt(), null, head.startedAt(), head.completedAt(), head.cache(), null, error));
	}

	private static String mebibytes(long bytes) {
		long tenths = (bytes * 10) / (1024 * 1024);
		return (tenths % 10 == 0) ? Long.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
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
