package dev.sluice.worker.readiness;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.sluice.support.kafka.KafkaHealthIndicator;
import dev.sluice.worker.consume.QueryConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The health indicators the readiness group adds to Spring Boot's: {@code kafka} and
 * {@code consumer}.
 */
@Configuration(proxyBeanMethods = false)
class ReadinessConfiguration {

	private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

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

	/** Readiness waits for partitions, see {@link ConsumerHealthIndicator}. */
	@Bean
	ConsumerHealthIndicator consumerHealthIndicator(QueryConsumer consumer, Admin healthAdmin) {
		return new ConsumerHealthIndicator(consumer, healthAdmin);
	}

}
