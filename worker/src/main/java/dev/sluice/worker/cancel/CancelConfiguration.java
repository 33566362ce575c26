package dev.sluice.worker.cancel;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import dev.sluice.catalog.Catalog;
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
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getConsumer().getBootstrapServers());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-worker-cancels");
		return new CancelReader(config, canceled, CancelReader.lookBack(catalog), worker.startupTimeout(), clock);
	}

}
