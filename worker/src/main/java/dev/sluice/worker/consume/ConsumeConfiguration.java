package dev.sluice.worker.consume;

import java.time.Duration;
import java.util.Map;

import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.Topics;
import dev.sluice.worker.WorkerProperties;
import dev.sluice.worker.pipeline.DatabaseOutage;
import dev.sluice.worker.pipeline.QueryPipeline;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * The query consumer: one Kafka consumer per process feeding a bounded in-flight window,
 * at-least-once, committing each record only after its status is acknowledged.
 */
@Configuration(proxyBeanMethods = false)
class ConsumeConfiguration {

	/** How long a stopping worker waits for the queries of its window. */
	static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * The consumer settings the design depends on are fixed here, not left to
	 * configuration: group and its rebalance protocol (KIP-848), manual commits, poll and
	 * fetch sizes, decoding. With {@code group.protocol=consumer} the broker owns session
	 * timeout, heartbeat interval and assignment, so {@code spring.kafka.consumer.*} must
	 * not set {@code session.timeout.ms}, {@code heartbeat.interval.ms} or
	 * {@code partition.assignment.strategy}: the Kafka client refuses them at start-up.
	 * {@code max.poll.interval.ms} keeps Kafka's default: the poll loop never waits for a
	 * query.
	 */
	@Bean
	DefaultKafkaConsumerFactoryCustomizer sluiceQueryConsumer(WorkerProperties worker) {
		return (factory) -> factory.updateConfigs(Map.of(ConsumerConfig.CLIENT_ID_CONFIG, QueryConsumer.clientId(),
				ConsumerConfig.GROUP_ID_CONFIG, Topics.WORKER_GROUP, ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.MAX_POLL_RECORDS_CONFIG, InFlightWindow.pollRecords(worker.effectiveInFlight()),
				ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
				InFlightWindow.partitionFetchBytes(worker.effectiveInFlight()),
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ErrorHandlingDeserializer.class,
				ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, JsonCodec.QuerySubmittedDeserializer.class));
	}

	/** Undecodable records, as they came, keyed as they came. */
	@Bean
	DeadLetterPublishingRecoverer deadLetters(KafkaTemplate<Object, Object> kafkaTemplate) {
		return new DeadLetterPublishingRecoverer(kafkaTemplate,
				(record, ex) -> new TopicPartition(Topics.QUERIES_DEAD_LETTER, -1));
	}

	@Bean
	QueryDispatcher queryDispatcher(QueryPipeline pipeline, DeadLetterPublishingRecoverer deadLetters,
			MeterRegistry meterRegistry, WorkerProperties worker) {
		return new QueryDispatcher(pipeline, new DatabaseOutage(), deadLetters, meterRegistry, worker.poolSize());
	}

	@Bean
	@SuppressWarnings("unchecked")
	QueryConsumer queryConsumer(ConsumerFactory<?, ?> consumerFactory, QueryDispatcher dispatcher,
			WorkerProperties worker, BackoffProperties backoff) {
		InFlightWindow window = new InFlightWindow(dispatcher::dispatch, dispatcher.outage()::retry,
				worker.effectiveInFlight(), backoff, System::nanoTime);
		return new QueryConsumer(() -> (Consumer<String, QuerySubmitted>) consumerFactory.createConsumer(), window,
				SHUTDOWN_TIMEOUT);
	}

}
