package dev.sluice.worker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkerPropertiesTests {

	@Test
	void batchSizeDefaultsToEightTimesThePoolSize() {
		assertThat(properties(8, null).effectiveBatchSize()).isEqualTo(64);
		assertThat(properties(3, null).effectiveBatchSize()).isEqualTo(24);
	}

	@Test
	void explicitBatchSizeWins() {
		assertThat(properties(8, 10).effectiveBatchSize()).isEqualTo(10);
	}

	@Test
	void oneConsumerUnlessConfigured() {
		assertThat(properties(8, null).effectiveConsumers()).isEqualTo(1);
		assertThat(new WorkerProperties(8, null, 2, Duration.ofSeconds(5), Duration.ofSeconds(10)).effectiveConsumers())
			.isEqualTo(2);
	}

	@Test
	void connectionTimeout_tooShort() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerProperties(8, null, null, Duration.ofMillis(100), Duration.ofSeconds(10)))
			.withMessageContaining("sluice.worker.connection-timeout");
	}

	@Test
	void startupTimeout_tooShort() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerProperties(8, null, null, Duration.ofSeconds(5), Duration.ofMillis(10)))
			.withMessageContaining("sluice.worker.startup-timeout");
	}

	@Test
	void resultsRetention_tooShort() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SluiceProperties.Results(Duration.ofSeconds(30)))
			.withMessageContaining("sluice.results.retention");
	}

	private static WorkerProperties properties(int poolSize, Integer batchSize) {
		return new WorkerProperties(poolSize, batchSize, null, Duration.ofSeconds(5), Duration.ofSeconds(10));
	}

}
