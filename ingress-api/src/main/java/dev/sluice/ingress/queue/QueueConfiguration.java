package dev.sluice.ingress.queue;

import java.time.Clock;
import java.util.Map;

import dev.sluice.support.kafka.GrouplessConsumers;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the queue backlog gauges and the estimates admission control reads. */
@Configuration(proxyBeanMethods = false)
class QueueConfiguration {

	@Bean
	QueueEstimates queueEstimates(QueueProperties properties) {
		return new QueueEstimates(properties.interval());
	}

	@Bean
	QueueMetrics queueMetrics(Admin admin, KafkaProperties kafka, Clock clock, QueueProperties properties,
			QueueEstimates estimates, MeterRegistry registry) {
		// Reads single records at known offsets.
		Map<String, Object> config = GrouplessConsumers.settings(kafka.buildConsumerProperties(),
				"sluice-ingress-queue-metrics");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
		KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		return new QueueMetrics(new BacklogProbe(admin, reader, clock), estimates, properties, registry);
	}

}
