package dev.sluice.ingress.cancel;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.QueryCancelRequested;
import dev.sluice.contract.QueryError;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.StatusHead;
import dev.sluice.contract.Topics;
import dev.sluice.ingress.kafka.RecordPublisher;
import dev.sluice.ingress.view.QueryStatuses;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Requests the cancellation of a query. Every worker reads {@code sluice.cancels}; the
 * one running the query cancels it on the database and ends it {@code CANCELED}. A query
 * still {@code QUEUED} is ended {@code CANCELED} here at once, and the worker that later
 * takes it sees the terminal state and never touches the database.
 *
 * <p>
 * If a worker starts the query between the lookup and the {@code CANCELED} record, the
 * record still wins in every ingress (terminal states never change, and all replicas read
 * the same order), and the worker cancels on the database.
 */
class QueryCanceller {

	static final QueryError CANCELED_BEFORE_START = new QueryError("CANCELED", "canceled before it started");

	private final QueryStatuses statuses;

	private final RecordPublisher publisher;

	private final Clock clock;

	QueryCanceller(QueryStatuses statuses, RecordPublisher publisher, Clock clock) {
		this.statuses = statuses;
		this.publisher = publisher;
		this.clock = clock;
	}

	/**
	 * Request the cancellation.
	 * @param status the current status, not terminal
	 * @return the status as it is after the request
	 * @throws QueryAlreadyEndedException if the query is terminal
	 */
	EncodedStatus cancel(EncodedStatus status) {
		StatusHead head = status.head();
		if (head.state().isTerminal()) {
			throw new QueryAlreadyEndedException(head);
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		this.publisher.publish(Topics.CANCELS, head.id(), new QueryCancelRequested(head.id(), now));
		if (head.state() == QueryState.QUEUED) {
			EncodedStatus canceled = EncodedStatus
				.of(queued(head).ended(QueryState.CANCELED, now, CANCELED_BEFORE_START));
			ProducerRecord<String, Object> record = RecordPublisher.statusRecord(canceled);
			this.publisher.await(this.publisher.send(record), record, RecordPublisher.deadline());
			this.statuses.record(canceled);
		}
		return this.statuses.current(head.id()).orElse(status);
	}

	/**
	 * A {@code QUEUED} document carries neither rows nor an error: its head is all of it.
	 */
	private static QueryStatus queued(StatusHead head) {
		return new QueryStatus(head.id(), head.query(), head.client(), head.state(), head.submittedAt(), null,
				head.startedAt(), head.completedAt(), head.cache(), null, null);
	}

}
