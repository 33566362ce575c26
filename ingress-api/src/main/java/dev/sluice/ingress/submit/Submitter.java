package dev.sluice.ingress.submit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.RoutingKey;
import dev.sluice.contract.Topics;
import dev.sluice.ingress.kafka.RecordPublisher;
import dev.sluice.ingress.results.QueryStatuses;

import org.springframework.stereotype.Component;

/**
 * Queues a validated submission: first the {@link QuerySubmitted} record on
 * {@code sluice.queries} (keyed by its {@link RoutingKey}, so identical queries meet on
 * one worker), then its {@code QUEUED} status on {@code sluice.results}, each
 * acknowledged by Kafka before the next step. Only then is the submission accepted.
 *
 * <p>
 * If the status record fails after the query record succeeded, the caller answers 503
 * although a worker will run the query; it then appears under its id once the worker
 * publishes a status. An {@code Idempotency-Key} makes such a retry safe.
 */
@Component
class Submitter {

	private final RecordPublisher publisher;

	private final QueryStatuses statuses;

	private final Clock clock;

	Submitter(RecordPublisher publisher, QueryStatuses statuses, Clock clock) {
		this.publisher = publisher;
		this.statuses = statuses;
		this.clock = clock;
	}

	/**
	 * Queue a submission under an id.
	 * @param id the query id
	 * @param submission the validated submission
	 * @return its status: {@code QUEUED}, or further along if a worker was quicker
	 * @throws dev.sluice.ingress.kafka.KafkaUnavailableException if Kafka did not
	 * acknowledge a record in time
	 */
	QueryStatus submit(String id, Submission submission) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		String name = submission.query().name();
		QuerySubmitted submitted = new QuerySubmitted(id, name, submission.wireParams(), now,
				now.plus(submission.queueWait()));
		this.publisher.publish(Topics.QUERIES, RoutingKey.of(name, submission.wireParams()), submitted);
		QueryStatus queued = QueryStatus.queued(submitted);
		this.publisher.publish(Topics.RESULTS, id, queued);
		this.statuses.record(queued);
		return this.statuses.current(id).orElse(queued);
	}

}
