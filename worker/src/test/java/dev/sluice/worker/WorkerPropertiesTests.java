package dev.sluice.worker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkerPropertiesTests {

	@Test
	void inFlightDefaultsToFourTimesThePoolSize() {
		assertThat(properties(8, null).effectiveInFlight()).isEqualTo(32);
		assertThat(properties(3, null).effectiveInFlight()).isEqualTo(12);
	}

	@Test
	void explicitInFlightWins() {
		assertThat(properties(8, 100).effectiveInFlight()).isEqualTo(100);
		assertThat(properties(8, 8).effectiveInFlight()).isEqualTo(8);
	}

	@Test
	void inFlight_smallerThanThePool() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(8, 7))
			.withMessageContaining("sluice.worker.in-flight (7)")
			.withMessageContaining("sluice.worker.pool-size (8)");
	}

	@Test
	void connectionTimeout_tooShort() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerProperties(8, null, Duration.ofMillis(100), Duration.ofSeconds(10)))
			.withMessageContaining("sluice.worker.connection-timeout");
	}

	@Test
	void startupTimeout_tooShort() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerProperties(8, null, Duration.ofSeconds(5), Duration.ofMillis(10)))
			.withMessageContaining("sluice.worker.startup-timeout");
	}

	private static WorkerProperties properties(int poolSize, Integer inFlight) {
		return new WorkerProperties(poolSize, inFlight, Duration.ofSeconds(5), Duration.ofSeconds(10));
	}

}
