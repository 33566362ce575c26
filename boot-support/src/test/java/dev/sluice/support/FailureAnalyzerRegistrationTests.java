package dev.sluice.support;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The apps register none of these themselves: they get them by depending on this module.
 */
class FailureAnalyzerRegistrationTests {

	@Test
	void startupFailureAnalyzersAreRegisteredForEveryAppOnTheClassPath() {
		// Some of Spring Boot's own analyzers need a bean factory, which this test
		// lacks: they are left out rather than failing the load.
		List<String> registered = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class, null, FailureHandler.handleMessage((message, failure) -> {
			}))
			.stream()
			.map((analyzer) -> analyzer.getClass().getName())
			.toList();

		assertThat(registered).contains("dev.sluice.support.catalog.CatalogFailureAnalyzer",
				"dev.sluice.support.kafka.KafkaUnreachableFailureAnalyzer",
				"dev.sluice.support.topics.TopicGuaranteesFailureAnalyzer");
	}

}
