package dev.sluice.worker.consume;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.Topics;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Drains {@link Topics#QUERIES} with {@code sluice.worker.consumers} consumers per
 * process (default 1), each owning some of the process's partitions: each poll returns a
 * batch of up to {@code sluice.worker.batch-size} records, whose queries run in parallel
 * on the process's {@code sluice.worker.pool-size} threads, one connection each, shared
 * by all its consumers. A consumer's listener returns only when every record of its batch
 * has its terminal status acknowledged by Kafka; the container then commits the batch's
 * offsets (AckMode BATCH). A crash before that re-delivers the batch, never loses it.
 * <p>
 * <b>When more than one consumer.</b> The next poll of a consumer waits for the slowest
 * query of its batch and for the acknowledgements of its statuses, so with one consumer
 * the threads idle at the end of every batch. A second consumer's batch fills the threads
 * the first one's tail leaves idle; executions still never outnumber the threads or the
 * connections. That pays only when the worker has CPU to spare: on a 2-core host shared
 * with the broker, the ingress and PostgreSQL, two consumers per worker completed about
 * 20 % fewer queries per second under a storm than one, so one is the default. Per-record
 * out-of-order commits would also avoid the tail but give up the simple "commit = every
 * earlier record is done" rule this relies on, and Kafka share groups would drop the
 * consumer-group lag that operators watch.
 * <p>
 * <b>Failures.</b> A record that cannot be decoded goes to
 * {@link Topics#QUERIES_DEAD_LETTER} and is never retried. A query that could not finish
 * because the database is unavailable (or its status could not be published) fails the
 * batch from its index with a {@link BatchListenerFailedException}: the records before it
 * are committed, and the error handler pauses the consumer with exponential back-off and
 * delivers the rest again. Queries that did finish in the failed part are skipped on that
 * second delivery.
 */
class QueryBatchListener implements DisposableBean {

	static final String ID = "sluice-queries";

	private static final Logger logger = LoggerFactory.getLogger(QueryBatchListener.class);

	private static final LogAccessor logAccessor = new LogAccessor(LogFactory.getLog(QueryBatchListener.class));

	private final QueryPipeline pipeline;

	private final ConsumerRecordRecoverer deadLetters;

	private final QueryMetrics metrics;

	private final ExecutorService threads;

	/**
	 * @param pipeline processes each query
	 * @param deadLetters publishes undecodable records
	 * @param metrics counts dead letters
	 * @param poolSize the number of query threads, equal to the connection pool size
	 */
	QueryBatchListener(QueryPipeline pipeline, ConsumerRecordRecoverer deadLetters, QueryMetrics metrics,
			int poolSize) {
		this.pipeline = pipeline;
		this.deadLetters = deadLetters;
		this.metrics = metrics;
		this.threads = Executors.newFixedThreadPool(poolSize, threadFactory());
	}

	@KafkaListener(id = ID, groupId = Topics.WORKER_GROUP, topics = Topics.QUERIES, batch = "true")
	void onBatch(List<ConsumerRecord<String, QuerySubmitted>> records) {
		BatchState batch = new BatchState();
		List<CompletableFuture<Void>> outcomes = new ArrayList<>(records.size());
		for (ConsumerRecord<String, QuerySubmitted> record : records) {
			outcomes.add(dispatch(record, batch));
		}
		awaitAll(records, outcomes);
	}

	private CompletableFuture<Void> dispatch(ConsumerRecord<String, QuerySubmitted> record, BatchState batch) {
		try {
			QuerySubmitted submitted = record.value();
			if (submitted == null) {
				DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
						KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
				if (undecodable == null) {
					logger.debug("Skipping empty record {}", coordinates(record));
					return CompletableFuture.completedFuture(null);
				}
				return deadLetter(record, undecodable);
			}
			String missing = missingField(submitted);
			if (missing != null) {
				return deadLetter(record,
						new IllegalArgumentException("QuerySubmitted without '" + missing + "' cannot be processed"));
			}
			return CompletableFuture.supplyAsync(() -> this.pipeline.process(submitted, batch), this.threads)
				.thenCompose((done) -> done);
		}
		catch (RejectedExecutionException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private CompletableFuture<Void> deadLetter(ConsumerRecord<String, QuerySubmitted> record, Exception problem) {
		Throwable reason = (problem.getCause() != null) ? problem.getCause() : problem;
		logger.warn("Record {} is not a valid QuerySubmitted, sending it to {}: {}", coordinates(record),
				Topics.QUERIES_DEAD_LETTER, reason.getMessage());
		return CompletableFuture.runAsync(() -> {
			this.deadLetters.accept(record, problem);
			this.metrics.deadLetter();
		}, this.threads);
	}

	private static String missingField(QuerySubmitted submitted) {
		if (submitted.id() == null || submitted.id().isBlank()) {
			return "id";
		}
		if (submitted.query() == null) {
			return "query";
		}
		if (submitted.submittedAt() == null) {
			return "submittedAt";
		}
		return (submitted.deadline() == null) ? "deadline" : null;
	}

	private static void awaitAll(List<ConsumerRecord<String, QuerySubmitted>> records,
			List<CompletableFuture<Void>> outcomes) {
		int failedIndex = -1;
		Throwable failure = null;
		for (int i = 0; i < outcomes.size(); i++) {
			try {
				outcomes.get(i).join();
			}
			catch (CompletionException | CancellationException ex) {
				if (failedIndex < 0) {
					failedIndex = i;
					failure = (ex.getCause() != null) ? ex.getCause() : ex;
				}
			}
		}
		if (failedIndex >= 0) {
			throw new BatchListenerFailedException(
					"Query record " + coordinates(records.get(failedIndex))
							+ " could not be completed and will be delivered again: " + failure.getMessage(),
					failure, failedIndex);
		}
	}

	private static String coordinates(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

	private static ThreadFactory threadFactory() {
		AtomicInteger count = new AtomicInteger();
		return (task) -> new Thread(task, "sluice-query-" + count.incrementAndGet());
	}

	/**
	 * Runs after the listener container stopped, so the last batch has finished.
	 */
	@Override
	public void destroy() {
		this.threads.close();
	}

}
