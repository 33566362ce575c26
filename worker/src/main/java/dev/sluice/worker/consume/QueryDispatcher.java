package dev.sluice.worker.consume;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.Topics;
import dev.sluice.worker.pipeline.DatabaseOutage;
import dev.sluice.worker.pipeline.QueryPipeline;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Runs one record of {@link Topics#QUERIES} on the worker's {@code pool-size} query
 * threads, one connection each: a valid query goes through the {@link QueryPipeline}; a
 * record that cannot be decoded goes to {@link Topics#QUERIES_DEAD_LETTER} and is never
 * retried.
 * <p>
 * Records wait for a thread in arrival order. A cache hit or a query coalesced onto an
 * execution in flight leaves its thread at once; only a miss keeps it, for its execution,
 * so executions never outnumber the threads or the connections.
 */
final class QueryDispatcher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(QueryDispatcher.class);

	private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

	private static final LogAccessor logAccessor = new LogAccessor(LogFactory.getLog(QueryDispatcher.class));

	private final QueryPipeline pipeline;

	private final DatabaseOutage outage;

	private final ConsumerRecordRecoverer deadLetters;

	private final Counter deadLettered;

	private final ExecutorService threads;

	/**
	 * @param pipeline processes each query
	 * @param outage shared by every query of the window
	 * @param deadLetters publishes undecodable records
	 * @param meterRegistry where dead letters are counted
	 * @param poolSize the number of query threads, equal to the connection pool size
	 */
	QueryDispatcher(QueryPipeline pipeline, DatabaseOutage outage, ConsumerRecordRecoverer deadLetters,
			MeterRegistry meterRegistry, int poolSize) {
		this.pipeline = pipeline;
		this.outage = outage;
		this.deadLetters = deadLetters;
		// Registered up front so that alerting sees 0, not an absent series.
		this.deadLettered = Counter.builder("sluice.dead.letters")
			.description("Records of sluice.queries sent to sluice.queries.dlt")
			.register(meterRegistry);
		this.threads = Executors.newFixedThreadPool(poolSize, threadFactory());
	}

	DatabaseOutage outage() {
		return this.outage;
	}

	/**
	 * Start a record's work without waiting for it.
	 * @param record the record as polled
	 * @return completes when the record's query thread is free again, with a future that
	 * completes once the record may be committed past: its terminal status (or dead
	 * letter) is acknowledged by Kafka. Either fails when the record must be tried again
	 * (database unavailable, Kafka refusing the status)
	 */
	CompletableFuture<CompletableFuture<Void>> dispatch(ConsumerRecord<String, QuerySubmitted> record) {
		try {
			QuerySubmitted submitted = record.value();
			if (submitted == null) {
				DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
						KafkaUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
				if (undecodable == null) {
					logger.debug("Skipping empty record {}", coordinates(record));
					return CompletableFuture.completedFuture(DONE);
				}
				return deadLetter(record, undecodable);
			}
			String missing = missingField(submitted);
			if (missing != null) {
				return deadLetter(record,
						new IllegalArgumentException("QuerySubmitted without '" + missing + "' cannot be processed"));
			}
			return CompletableFuture.supplyAsync(() -> this.pipeline.process(submitted, this.outage), this.threads);
		}
		catch (RejectedExecutionException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private CompletableFuture<CompletableFuture<Void>> deadLetter(ConsumerRecord<String, QuerySubmitted> record,
			Exception problem) {
		Throwable reason = (problem.getCause() != null) ? problem.getCause() : problem;
		logger.warn("Record {} is not a valid QuerySubmitted, sending it to {}: {}", coordinates(record),
				Topics.QUERIES_DEAD_LETTER, reason.getMessage());
		// The recoverer waits for Kafka's acknowledgement of the dead letter itself.
		return CompletableFuture.supplyAsync(() -> {
			this.deadLetters.accept(record, problem);
			this.deadLettered.increment();
			return DONE;
		}, this.threads);
	}

	private static @Nullable String missingField(QuerySubmitted submitted) {
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

	static String coordinates(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

	private static ThreadFactory threadFactory() {
		AtomicInteger count = new AtomicInteger();
		return (task) -> new Thread(task, "sluice-query-" + count.incrementAndGet());
	}

	/**
	 * Waits for the queries still running: runs after the consumer stopped, which waited
	 * for its window up to the shutdown timeout and abandoned the rest to redelivery.
	 */
	@Override
	public void close() {
		this.threads.close();
	}

}
