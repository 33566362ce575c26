package dev.sluice.worker.publish;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.TopicLayout;
import dev.sluice.contract.Topics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;

/**
 * The one producer of the worker. Its reliability settings are fixed in code rather than
 * left to configuration: a status is only as durable as the weakest of them.
 */
@Configuration(proxyBeanMethods = false)
class PublishConfiguration {

	/** The longest a send may block for metadata or buffer space. */
	static final Duration MAX_BLOCK = Duration.ofSeconds(10);

	/**
	 * {@code acks=all} with idempotence so an acknowledged status survives a broker
	 * failure and a retried send is never written twice; records up to
	 * {@link TopicLayout#MAX_MESSAGE_BYTES}. A send blocks at most {@link #MAX_BLOCK}
	 * (not Kafka's minute) because statuses are sent by the query threads and by the one
	 * thread that publishes every RUNNING status. Compression is left to
	 * {@code spring.kafka.producer.compression-type}, none by default: most statuses are
	 * small, and lz4 allocated a 64 KB block buffer for every batch, a quarter of the
	 * worker's allocations in a storm.
	 */
	@Bean
	DefaultKafkaProducerFactoryCustomizer sluiceProducer() {
		return (factory) -> {
			factory.updateConfigs(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
					true, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicLayout.MAX_MESSAGE_BYTES,
					ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis(),
					ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
			setValueSerializer(factory);
		};
	}

	/**
	 * Status records go out through {@link JsonCodec}, so both apps agree byte for byte;
	 * dead letters keep the raw bytes that could not be decoded.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static void setValueSerializer(DefaultKafkaProducerFactory<?, ?> factory) {
		Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
		delegates.put(byte[].class, new ByteArraySerializer());
		delegates.put(Object.class, new JsonCodec.Serializing());
		((DefaultKafkaProducerFactory) factory).setValueSerializer(new DelegatingByTypeSerializer(delegates, true));
	}

	/**
	 * Replaces the default listener, which logs every failed send at ERROR with part of
	 * the payload: {@link StatusPublisher} reports failures itself, with the query id,
	 * and a result too large to publish is an expected outcome, not an error.
	 */
	@Bean
	ProducerListener<Object, Object> quietProducerListener() {
		return new ProducerListener<>() {
		};
	}

	/**
	 * Opens the producer before the worker reports ready. Its connection, the topic's
	 * metadata and its producer id would otherwise be paid for by the first status:
	 * seconds on a loaded host, right after the stack said it was up.
	 */
	@Bean
	ApplicationRunner producerWarmUp(KafkaTemplate<Object, Object> kafkaTemplate) {
		return (args) -> kafkaTemplate.partitionsFor(Topics.RESULTS);
	}

	@Bean
	StatusPublisher statusPublisher(KafkaTemplate<Object, Object> kafkaTemplate, RunningStatusProperties properties) {
		return new StatusPublisher(kafkaTemplate, properties.runningStatusAfter());
	}

}
