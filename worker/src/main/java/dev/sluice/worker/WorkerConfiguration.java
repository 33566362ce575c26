package dev.sluice.worker;

import java.time.Clock;

import dev.sluice.catalog.Catalog;
import dev.sluice.contract.TopicLayout;
import dev.sluice.support.catalog.CatalogProperties;
import dev.sluice.support.topics.ClusterTopics;
import dev.sluice.support.topics.ResultsProperties;
import dev.sluice.support.topics.TopicsProperties;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The catalog, the clock and the topics every feature of the worker relies on.
 */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

	/**
	 * The query catalog; an invalid one stops start-up with a message naming the query
	 * and the field.
	 */
	@Bean
	Catalog catalog(CatalogProperties properties) {
		return Catalog.load(properties.catalog());
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Creates the topics when absent, replicated as the cluster allows, after checking
	 * that those already there are replicated as configured; the ingress asks for the
	 * same layout. After the start-up checks, so that an unreachable Kafka is reported as
	 * such, within the worker's start-up timeout.
	 */
	@Bean
	@DependsOn("startupChecks")
	KafkaAdmin.NewTopics sluiceTopics(TopicsProperties topics, ResultsProperties results, KafkaProperties kafka,
			KafkaConnectionDetails connection) {
		TopicLayout layout = ClusterTopics.layout(connection.getAdmin().getBootstrapServers(),
				kafka.buildAdminProperties(), topics, results);
		return new KafkaAdmin.NewTopics(layout.topics().toArray(NewTopic[]::new));
	}

}
