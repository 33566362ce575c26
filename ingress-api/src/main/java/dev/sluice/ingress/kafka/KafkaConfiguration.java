package dev.sluice.ingress.kafka;

import java.time.Duration;
import java.util.Map;

import dev.sluice.contract.TopicLayout;
import dev.sluice.contract.Topics;
import dev.sluice.support.kafka.KafkaHealthIndicator;
import dev.sluice.support.topics.ClusterTopics;
import dev.sluice.support.topics.ResultsProperties;
import dev.sluice.support.topics.TopicsProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wires the Kafka side of the ingress: the topics it creates when absent, the one
 * {@link Admin} client that the read barrier, readiness and queue metrics share, and the
 * publisher every feature writes records with, and the checks that Kafka answers.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	/**
	 * The longest one admin call may take before it counts as Kafka being unreachable.
	 */
	private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(3);

	/**
	 * Creates the topics when absent, replicated as the cluster allows, after checking
	 * that those already there are replicated as configured; the worker asks for the same
	 * layout.
	 * @param reachable unused; asking for it makes an unreachable Kafka fail start-up
	 * first
	 */
	@Bean
	KafkaAdmin.NewTopics sluiceTopics(TopicsProperties topics, ResultsProperties results, KafkaProperties kafka,
			KafkaStartupCheck reachable) {
		TopicLayout layout = ClusterTopics.layout(kafka.getBootstrapServers(), kafka.buildAdminProperties(), topics,
				results);
		return new KafkaAdmin.NewTopics(layout.topics().toArray(NewTopic[]::new));
	}

	@Bean(destroyMethod = "close")
	Admin sluiceAdmin(KafkaProperties kafka) {
		Map<String, Object> config = kafka.buildAdminProperties();
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
		config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-ingress-admin");
		return Admin.create(config);
	}

	/**
	 * Opens the producer before the ingress reports ready. Its connection, the topics'
	 * metadata and its producer id would otherwise be paid for by the first submission:
	 * seconds on a loaded host, right after the stack said it was up.
	 */
	@Bean
	ApplicationRunner producerWarmUp(KafkaTemplate<String, Object> template) {
		return (args) -> {
			template.partitionsFor(Topics.QUERIES);
			template.partitionsFor(Topics.RESULTS);
		};
	}

	/**
	 * Readiness: an ingress that cannot reach Kafka answers every submission with 503, so
	 * it should receive no traffic.
	 */
	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(Admin admin) {
		return new KafkaHealthIndicator(admin, ADMIN_TIMEOUT);
	}

	@Bean
	RecordPublisher recordPublisher(KafkaTemplate<String, Object> template) {
		return new RecordPublisher(template);
	}

	@Bean
	KafkaStartupCheck kafkaStartupCheck(Admin admin, KafkaProperties kafka) {
		return new KafkaStartupCheck(admin, kafka.getBootstrapServers());
	}

}
