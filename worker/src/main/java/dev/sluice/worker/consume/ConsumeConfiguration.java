package dev.sluice.worker.consume;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.Topics;
import dev.sluice.worker.SluiceProperties;
import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.cache.ResultCache;
import dev.sluice.worker.cancel.CanceledQueries;
import dev.sluice.worker.execute.QueryExecutor;
import dev.sluice.worker.publish.StatusPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.scheduling.concurrent.ConcurrentTaskScheduler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The query consumer: {@code sluice.worker.consumers} batch consumers per process,
 * at-least-once, committing only after the batch's statuses are acknowledged.
 */
@Configuration(proxyBeanMethods = false)
class ConsumeConfiguration {

	/** How long the container waits for the last batch when the worker shuts down. */
	static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The consumer settings the design depends on are fixed here, not left to
	 * configuration: group, manual commits, batch size, decoding.
	 */
	@Bean
	DefaultKafkaConsumerFactoryCustomizer sluiceQueryConsumer(WorkerProperties worker, Catalog catalog) {
		return (factory) -> factory.updateConfigs(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, clientId(),
				ConsumerConfig.GROUP_ID_CONFIG, Topics.WORKER_GROUP, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
				worker.effectiveBatchSize(), ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
				(int) maxPollInterval(worker, catalog).toMillis(), ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
				ErrorHandlingDeserializer.class, ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS,
				JsonCodec.QuerySubmittedDeserializer.class));
	}

	/**
	 * One client id per process, {@code sluice-worker_<host>_<pid>}; the container adds
	 * {@code -<n>} per consumer. The ingress counts the workers consuming by it, so two
	 * consumers of one process count once.
	 */
	static String clientId() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "localhost";
		}
		return "sluice-worker_" + host + "_" + ProcessHandle.current().pid();
	}

	/**
	 * A batch may legitimately take as long as its queries, one round of pool-size
	 * queries after the other, each up to the slowest catalog timeout, behind the batches
	 * of the process's other consumers on the same threads; the consumer must not be
	 * thrown out of the group for that.
	 */
	static Duration maxPollInterval(WorkerProperties worker, Catalog catalog) {
		Duration slowest = catalog.longest(CatalogQuery::timeout);
		int rounds = worker.effectiveConsumers()
				* ((worker.effectiveBatchSize() + worker.poolSize() - 1) / worker.poolSize());
		Duration batch = slowest.plus(worker.connectionTimeout()).plusSeconds(5).multipliedBy(rounds).plusMinutes(1);
		Duration kafkaDefault = Duration.ofMinutes(5);
		return (batch.compareTo(kafkaDefault) > 0) ? batch : kafkaDefault;
	}

	/**
	 * The container's consumers come from the validated {@link WorkerProperties}, the
	 * same figure the poll interval is sized by.
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> sluiceQueryContainer(
			WorkerProperties worker) {
		return (container) -> {
			container.setConcurrency(worker.effectiveConsumers());
			ContainerProperties properties = container.getContainerProperties();
			properties.setAckMode(ContainerProperties.AckMode.BATCH);
			properties.setShutdownTimeout(SHUTDOWN_TIMEOUT.toMillis());
		};
	}

	/** Undecodable records, as they came, keyed as they came. */
	@Bean
	DeadLetterPublishingRecoverer deadLetters(KafkaTemplate<Object, Object> kafkaTemplate) {
		return new DeadLetterPublishingRecoverer(kafkaTemplate,
				(record, ex) -> new TopicPartition(Topics.QUERIES_DEAD_LETTER, -1));
	}

	/**
	 * Retries the failed part of a batch without limit, pausing the consumer in between
	 * (so it stays in its group) for an exponentially growing time. Only failures the
	 * listener does not turn into a terminal status get here: an unavailable database or
	 * Kafka refusing a status.
	 */
	@Bean
	DefaultErrorHandler queryErrorHandler(DeadLetterPublishingRecoverer deadLetters, BackoffProperties backoff) {
		ExponentialBackOff backOff = new ExponentialBackOff(backoff.initial().toMillis(), 2.0);
		backOff.setMaxInterval(backoff.max().toMillis());
		backOff.setMaxElapsedTime(Long.MAX_VALUE);
		backOff.setMaxAttempts(Long.MAX_VALUE);
		ConcurrentTaskScheduler resumer = new ConcurrentTaskScheduler(Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sluice-resume").daemon().factory()));
		ListenerContainerPauseService pauses = new ListenerContainerPauseService(null, resumer);
		DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff,
				new ContainerPausingBackOffHandler(pauses));
		handler.setLogLevel(KafkaException.Level.WARN);
		return handler;
	}

	@Bean
	QueryMetrics queryMetrics(MeterRegistry meterRegistry) {
		return new QueryMetrics(meterRegistry);
	}

	@Bean
	QueryPipeline queryPipeline(Catalog catalog, CanceledQueries canceled, ResultCache cache, QueryExecutor executor,
			StatusPublisher publisher, SluiceProperties sluice, QueryMetrics metrics, Clock clock) {
		return new QueryPipeline(new Admission(catalog, canceled::isCanceled), cache, executor, canceled, publisher,
				new FinishedQueries(sluice.results().retention()), metrics, clock);
	}

	@Bean
	QueryBatchListener queryBatchListener(QueryPipeline pipeline, DeadLetterPublishingRecoverer deadLetters,
			QueryMetrics metrics, WorkerProperties worker) {
		return new QueryBatchListener(pipeline, deadLetters, metrics, worker.poolSize());
	}

}
