package dev.sluice.worker.startup;

import javax.sql.DataSource;

import dev.sluice.catalog.Catalog;
import dev.sluice.worker.WorkerProperties;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The start-up checks of Kafka and PostgreSQL.
 */
@Configuration(proxyBeanMethods = false)
class StartupConfiguration {

	/**
	 * @param catalog unused; asking for it makes an invalid catalog fail start-up first
	 */
	@Bean
	StartupChecks startupChecks(Catalog catalog, KafkaProperties kafka, KafkaConnectionDetails connection,
			DataSource dataSource, DataSourceProperties dataSourceProperties, WorkerProperties worker) {
		return new StartupChecks(connection.getAdmin().getBootstrapServers(), kafka.buildAdminProperties(), dataSource,
				dataSourceProperties.determineUrl(), worker.startupTimeout());
	}

}
