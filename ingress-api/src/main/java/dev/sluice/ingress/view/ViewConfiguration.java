package dev.sluice.ingress.view;

import java.time.Clock;
import java.util.Map;

import dev.sluice.support.kafka.GrouplessConsumers;
import dev.sluice.support.topics.ResultsProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the materialized view of {@code sluice.results}: the view, the thread that fills
 * it, the read barrier with the thread that fetches its end offsets, and the readiness
 * check.
 */
@Configuration(proxyBeanMethods = false)
class ViewConfiguration {

	@Bean
	StatusView statusView(ResultsProperties results, ResultsViewProperties viewProperties) {
		return new StatusView(results.retention(), viewProperties.maxMemory().toBytes(), Clock.systemUTC());
	}

	@Bean
	ResultsMaterializer resultsMaterializer(KafkaProperties kafka, StatusView view) {
		// No group: every replica reads every partition from the beginning.
		Map<String, Object> config = GrouplessConsumers.settings(kafka.buildConsumerProperties(),
				"sluice-ingress-results");
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
		return new ResultsMaterializer(
				() -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()), view);
	}

	@Bean
	EndOffsets resultsEndOffsets(KafkaProperties kafka, ResultsMaterializer materializer,
			ResultsViewProperties properties) {
		// Only asks for end offsets: never assigned, reads nothing.
		Map<String, Object> config = GrouplessConsumers.settings(kafka.buildConsumerProperties(),
				"sluice-ingress-barrier");
		return new EndOffsets(
				() -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
				materializer::partitions, properties.barrierTimeout());
	}

	@Bean
	QueryStatuses queryStatuses(StatusView view, EndOffsets endOffsets, ResultsMaterializer materializer,
			ResultsViewProperties properties) {
		return new QueryStatuses(view, new ReadBarrier(endOffsets, materializer, properties.barrierTimeout()));
	}

	@Bean("materializer")
	MaterializerHealthIndicator materializerHealthIndicator(ResultsMaterializer materializer) {
		return new MaterializerHealthIndicator(materializer);
	}

}
