package dev.sluice.worker.connectivity;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.sluice.catalog.Catalog;
import dev.sluice.support.kafka.KafkaHealthIndicator;
import dev.sluice.worker.WorkerProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConnectivityConfiguration {

	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * @param catalog unused; asking for it makes an invalid catalog fail start-up first
	 */
	@Bean
	StartupChecks startupChecks(Catalog catalog, KafkaProperties kafka, KafkaConnectionDetails connection,
			DataSource dataSource, DataSourceProperties dataSourceProperties, WorkerProperties worker) {
		return new StartupChecks(connection.getAdmin().getBootstrapServers(), kafka.buildAdminProperties(), dataSource,
				dataSourceProperties.determineUrl(), worker.startupTimeout());
	}

	/**
	 * The one admin client of the health indicators, Kafka's and the consumer's; its
	 * calls give up after 3 s so that a health request never hangs on Kafka.
	 */
	@Bean(destroyMethod = "close")
	Admin healthAdmin(KafkaProperties kafka, KafkaConnectionDetails connection) {
		Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				String.join(",", connection.getAdmin().getBootstrapServers()));
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) HEALTH_TIMEOUT.toMillis());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) HEALTH_TIMEOUT.toMillis());
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-worker-health");
		return Admin.create(config);
	}

	/**
	 * Readiness of the Kafka side: a broker answers. Whether the query consumer holds
	 * partitions is the {@code consumer} indicator's part.
	 */
	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(Admin healthAdmin) {
		return new KafkaHealthIndicator(healthAdmin, HEALTH_TIMEOUT);
	}

}
