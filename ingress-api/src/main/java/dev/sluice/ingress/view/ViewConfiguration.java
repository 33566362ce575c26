package dev.sluice.ingress.view;

import java.time.Clock;
import java.util.Map;

import dev.sluice.support.topics.ResultsProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the materialized view of {@code sluice.results}: the view, the thread that fills
 * it, the read barrier and the readiness check.
 */
@Configuration(proxyBeanMethods = false)
class ViewConfiguration {

	@Bean
	StatusView statusView(ResultsProperties results, ResultsViewProperties viewProperties) {
		return new StatusView(results.retention(), viewProperties.maxMemory().toBytes(), Clock.systemUTC());
	}

	@Bean
	ResultsMaterializer resultsMaterializer(KafkaProperties kafka, StatusView view) {
		Map<String, Object> config = kafka.buildConsumerProperties();
		// No group: every replica reads every partition from the beginning, nothing is
		// committed, and no rebalance ever pauses the view.
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, "sluice-ingress-results");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
		return new ResultsMaterializer(
				() -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()), view);
	}

	@Bean
	QueryStatuses queryStatuses(StatusView view, Admin admin, ResultsMaterializer materializer,
			ResultsViewProperties properties) {
		return new QueryStatuses(view, new ReadBarrier(admin, materializer, properties.barrierTimeout()));
	}

	@Bean("materializer")
	MaterializerHealthIndicator materializerHealthIndicator(ResultsMaterializer materializer) {
		return new MaterializerHealthIndicator(materializer);
	}

}
