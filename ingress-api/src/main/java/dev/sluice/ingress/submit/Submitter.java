package dev.sluice.ingress.submit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;

import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.RoutingKey;
import dev.sluice.contract.Topics;
import dev.sluice.ingress.kafka.KafkaUnavailableException;
import dev.sluice.ingress.kafka.RecordPublisher;
import dev.sluice.ingress.view.QueryStatuses;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues a validated submission: the {@link QuerySubmitted} record on
 * {@code sluice.queries} (keyed by its {@link RoutingKey}, so identical queries meet on
 * one worker) and its {@code QUEUED} status on {@code sluice.results} are sent together,
 * and the submission is accepted once Kafka acknowledged both: one round trip. The
 * {@code QUEUED} status is encoded once; the same bytes go to Kafka, into this ingress's
 * view and into the answer.
 *
 * <p>
 * If only one of the two records lands, the caller answers 503:
 * <ul>
 * <li>The query record failed but {@code QUEUED} landed: no worker will run the query, so
 * {@code QUEUED} is withdrawn with an empty record under its id, which every ingress
 * applies by forgetting the id (and a retry with the same {@code Idempotency-Key} queues
 * it again). Should Kafka refuse that record too, the id answers {@code QUEUED} until its
 * retention ends; this is logged.</li>
 * <li>{@code QUEUED} failed but the query record landed: a worker will run the query; it
 * appears under its id once the worker publishes a status. An {@code Idempotency-Key}
 * makes a retry safe.</li>
 * </ul>
 * A record whose acknowledgement timed out may still have been written; the rules above
 * then err towards answering 503 for a query that runs, never towards a {@code QUEUED}
 * that never ends.
 */
class Submitter {

	private static final Logger logger = LoggerFactory.getLogger(Submitter.class);

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
	 * @param client the name of the client that submits it
	 * @param submission the validated submission
	 * @param expectedWait how long it is expected to wait for a worker, or {@code null}
	 * if unknown; stamped on the {@code QUEUED} status as {@code expectedStartAt}
	 * @return its status: {@code QUEUED}, or further along if a worker was quicker
	 * @throws KafkaUnavailableException if Kafka did not acknowledge both records in time
	 */
	EncodedStatus submit(String id, String client, Submission submission, @Nullable Duration expectedWait) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
		String name = submission.query().name();
		QuerySubmitted submitted = new QuerySubmitted(id, name, submission.wireParams(), now,
				now.plus(submission.queueWait()), client);
		EncodedStatus queued = EncodedStatus
			.of(QueryStatus.queued(submitted, (expectedWait != null) ? now.plus(expectedWait) : null));
		long deadline = RecordPublisher.deadline();
		ProducerRecord<String, Object> query = new ProducerRecord<>(Topics.QUERIES,
				RoutingKey.of(name, submission.wireParams()), submitted);
		CompletableFuture<RecordMetadata> querySent = this.publisher.send(query);
		if (querySent.isCompletedExceptionally()) {
			// Refused before anything was written (e.g. no metadata within max.block.ms):
			// a QUEUED status would only have to be withdrawn again.
			this.publisher.await(querySent, query, deadline);
		}
		ProducerRecord<String, Object> status = RecordPublisher.statusRecord(queued);
		CompletableFuture<RecordMetadata> statusSent = this.publisher.send(status);
		KafkaUnavailableException queryFailed = acknowledged(querySent, query, deadline);
		KafkaUnavailableException statusFailed = acknowledged(statusSent, status, deadline);
		if (queryFailed != null) {
			if (statusFailed == null) {
				withdraw(id);
			}
			throw queryFailed;
		}
		if (statusFailed != null) {
			throw new KafkaUnavailableException("Kafka did not acknowledge the QUEUED status of " + id
					+ " in time, but it has the query, which will run: GET /v1/queries/" + id
					+ " shows it once a worker takes it, and a retry with the same Idempotency-Key does not run "
					+ "it twice", statusFailed.getCause());
		}
		this.statuses.record(queued);
		return this.statuses.current(id).orElse(queued);
	}

	private @Nullable KafkaUnavailableException acknowledged(CompletableFuture<RecordMetadata> sent,
			ProducerRecord<String, Object> record, long deadline) {
		try {
			this.publisher.await(sent, record, deadline);
			return null;
		}
		catch (KafkaUnavailableException ex) {
			return ex;
		}
	}

	private void withdraw(String id) {
		ProducerRecord<String, Object> withdrawal = new ProducerRecord<>(Topics.RESULTS, id, null);
		try {
			this.publisher.await(this.publisher.send(withdrawal), withdrawal, RecordPublisher.deadline());
		}
		catch (KafkaUnavailableException ex) {
			logger.error("Query {} was not queued, but its QUEUED status was written and could not be withdrawn "
					+ "({}); it answers QUEUED until sluice.results.retention ends", id, ex.getMessage());
		}
	}

}
