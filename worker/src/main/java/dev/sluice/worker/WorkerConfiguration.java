package dev.sluice.worker;

import java.time.Clock;

import dev.sluice.catalog.Catalog;
import dev.sluice.support.catalog.CatalogProperties;
import dev.sluice.support.topics.ResultsProperties;
import dev.sluice.support.topics.TopicsProperties;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

	/** Creates the topics when absent; the ingress asks for the same layout. */
	@Bean
	KafkaAdmin.NewTopics sluiceTopics(TopicsProperties topics, ResultsProperties results) {
		return new KafkaAdmin.NewTopics(topics.layout(results).topics().toArray(NewTopic[]::new));
	}

}
