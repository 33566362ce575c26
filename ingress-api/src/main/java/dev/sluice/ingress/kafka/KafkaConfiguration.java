package dev.sluice.ingress.kafka;

import java.time.Duration;
import java.util.Map;

import dev.sluice.contract.TopicLayout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires the Kafka side of the ingress: the topics it creates when absent, and the one
 * {@link Admin} client that the read barrier, readiness and queue metrics share.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	/**
	 * The longest one admin call may take before it counts as Kafka being unreachable.
	 */
	static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(3);

	@Bean
	KafkaAdmin.NewTopics sluiceTopics(TopicsProperties topics,
			@Value("${sluice.results.retention}") Duration resultsRetention) {
		TopicLayout layout = new TopicLayout(topics.partitions(), (short) topics.replicationFactor(), resultsRetention);
		return new KafkaAdmin.NewTopics(layout.topics().toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
	}

	@Bean(destroyMethod = "close")
	Admin sluiceAdmin(KafkaProperties kafka) {
		Map<String, Object> config = kafka.buildAdminProperties();
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
		config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-ingress-admin");
		return Admin.create(config);
	}

	@Bean
	KafkaStartupCheck kafkaStartupCheck(Admin admin, KafkaProperties kafka) {
		return new KafkaStartupCheck(admin, String.join(",", kafka.getBootstrapServers()));
	}

}
