package dev.sluice.support;

import java.time.Duration;

import dev.sluice.contract.TopicLayout;
import dev.sluice.support.catalog.CatalogProperties;
import dev.sluice.support.topics.ResultsProperties;
import dev.sluice.support.topics.TopicsProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SharedPropertiesAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SharedPropertiesAutoConfiguration.class))
		.withPropertyValues("sluice.catalog=classpath:catalog/demo.yml", "sluice.topics.partitions=12",
				"sluice.topics.replication-factor=1", "sluice.results.retention=15m");

	@Test
	void theDefaultsOfBothAppsBind() {
		this.runner.run((context) -> {
			assertThat(context.getBean(CatalogProperties.class).catalog()).isEqualTo("classpath:catalog/demo.yml");
			TopicLayout layout = context.getBean(TopicsProperties.class)
				.layout(context.getBean(ResultsProperties.class), 3);
			assertThat(layout).isEqualTo(new TopicLayout(12, (short) 1, Duration.ofMinutes(15)));
		});
	}

	@Test
	void resultsPropertiesIgnoreTheIngresssOwnResultsSettings() {
		this.runner.withPropertyValues("sluice.results.max-memory=256MB", "sluice.results.barrier-timeout=3s")
			.run((context) -> assertThat(context.getBean(ResultsProperties.class).retention())
				.isEqualTo(Duration.ofMinutes(15)));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			sluice.catalog=                        | sluice         | catalog
			sluice.topics.partitions=0             | sluice.topics  | partitions
			sluice.topics.partitions=10001         | sluice.topics  | partitions
			sluice.topics.replication-factor=0     | sluice.topics  | replicationFactor
			sluice.topics.replication-factor=32768 | sluice.topics  | replicationFactor
			sluice.topics.replication-factor=three | sluice.topics  | replicationFactor
			sluice.topics.replication-factor=-1    | sluice.topics  | replicationFactor
			sluice.results.retention=59s           | sluice.results | retention
			""")
	void valueOutOfBoundsStopsStartNamingTheProperty(String setting, String prefix, String field) {
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Binding validation errors on " + prefix)
				.hasStackTraceContaining("on field '" + field + "'"));
	}

	@Test
	void missingRetentionStopsStart() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SharedPropertiesAutoConfiguration.class))
			.withPropertyValues("sluice.catalog=classpath:catalog/demo.yml", "sluice.topics.partitions=12",
					"sluice.topics.replication-factor=1")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("sluice.results")
				.hasStackTraceContaining("retention"));
	}

}
