package dev.sluice.worker.cancel;

import java.time.Clock;
import java.util.Map;

import dev.sluice.catalog.Catalog;
import dev.sluice.support.kafka.GrouplessConsumers;
import dev.sluice.support.topics.ResultsProperties;
import dev.sluice.worker.WorkerProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires cancellation: the cancelled ids and the reader that fills them from
 * {@code sluice.cancels}.
 */
@Configuration(proxyBeanMethods = false)
class CancelConfiguration {

	@Bean
	CanceledQueries canceledQueries(Catalog catalog, ResultsProperties results) {
		return new CanceledQueries(results.retention(), CancelReader.lookBack(catalog));
	}

	@Bean
	CancelReader cancelReader(KafkaProperties kafka, KafkaConnectionDetails connection, CanceledQueries canceled,
			Catalog catalog, WorkerProperties worker, Clock clock) {
		Map<String, Object> config = GrouplessConsumers.settings(kafka.buildConsumerProperties(),
				"sluice-worker-cancels");
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getConsumer().getBootstrapServers());
		return new CancelReader(config, canceled, CancelReader.lookBack(catalog), worker.startupTimeout(), clock);
	}

}
