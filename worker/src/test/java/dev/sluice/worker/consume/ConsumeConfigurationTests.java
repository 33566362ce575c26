package dev.sluice.worker.consume;

import java.time.Duration;

import dev.sluice.catalog.Catalog;
import dev.sluice.worker.WorkerProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumeConfigurationTests {

	@Test
	void maxPollIntervalKeepsKafkasDefaultForQuickQueries() {
		Catalog catalog = Catalog.parse("queries:\n  q:\n    sql: select 1\n    timeout: 2s\n", "test");

		assertThat(ConsumeConfiguration.maxPollInterval(worker(8), catalog)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void maxPollIntervalCoversABatchOfTheSlowestQueries() {
		Catalog catalog = Catalog.parse("queries:\n  q:\n    sql: select 1\n    timeout: 60s\n", "test");

		// 64 records on 8 threads: 8 rounds of (60 s + 5 s connection + 5 s publish),
		// plus 1 min.
		assertThat(ConsumeConfiguration.maxPollInterval(worker(8, 1), catalog)).isEqualTo(Duration.ofSeconds(620));
		// With a second consumer, a batch may wait behind the other's 64 as well.
		assertThat(ConsumeConfiguration.maxPollInterval(worker(8, 2), catalog)).isEqualTo(Duration.ofSeconds(1180));
	}

	private static WorkerProperties worker(int poolSize) {
		return worker(poolSize, null);
	}

	private static WorkerProperties worker(int poolSize, Integer consumers) {
		return new WorkerProperties(poolSize, null, consumers, Duration.ofSeconds(5), Duration.ofSeconds(10));
	}

}
