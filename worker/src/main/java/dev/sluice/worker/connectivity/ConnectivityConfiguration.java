package dev.sluice.worker.connectivity;

import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import dev.sluice.catalog.Catalog;
import dev.sluice.worker.WorkerProperties;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConnectivityConfiguration {

	/**
	 * @param catalog unused; asking for it makes an invalid catalog fail start-up first
	 */
	@Bean
	StartupChecks startupChecks(Catalog catalog, KafkaProperties kafka, KafkaConnectionDetails connection,
			DataSource dataSource, DataSourceProperties dataSourceProperties, WorkerProperties worker) {
		return new StartupChecks(connection.getAdmin().getBootstrapServers(), kafka.buildAdminProperties(), dataSource,
				dataSourceProperties.determineUrl(), worker.startupTimeout());
	}

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaProperties kafka, KafkaConnectionDetails connection) {
		Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				String.join(",", connection.getAdmin().getBootstrapServers()));
		return new KafkaHealthIndicator(config);
	}

}
