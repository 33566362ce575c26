package dev.sluice.worker.cancel;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.support.topics.ResultsProperties;
import dev.sluice.worker.WorkerProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CancelConfiguration {

	/**
	 * Cancelled ids are remembered as long as results are kept, and at least as long as
	 * the oldest query that can still start.
	 */
	@Bean
	CanceledQueries canceledQueries(Catalog catalog, ResultsProperties results) {
		Duration lookBack = lookBack(catalog);
		Duration retention = results.retention();
		return new CanceledQueries((retention.compareTo(lookBack) > 0) ? retention : lookBack);
	}

	@Bean
	CancelReader cancelReader(KafkaProperties kafka, KafkaConnectionDetails connection, CanceledQueries canceled,
			Catalog catalog, WorkerProperties worker, Clock clock) {
		Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.getConsumer().getBootstrapServers());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-worker-cancels");
		return new CancelReader(config, canceled, lookBack(catalog), worker.startupTimeout(), clock);
	}

	/** The longest catalog queue timeout plus a minute of clock skew. */
	private static Duration lookBack(Catalog catalog) {
		return catalog.longest(CatalogQuery::queueTimeout).plusMinutes(1);
	}

}
