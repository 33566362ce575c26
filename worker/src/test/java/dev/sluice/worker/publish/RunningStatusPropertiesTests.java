package dev.sluice.worker.publish;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunningStatusPropertiesTests {

	@Test
	void runningStatusAfter_zeroMeansAlways() {
		assertThat(new RunningStatusProperties(Duration.ZERO).runningStatusAfter()).isZero();
	}

	@Test
	void runningStatusAfter_negative() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RunningStatusProperties(Duration.ofMillis(-1)))
			.withMessageContaining("sluice.worker.running-status-after");
	}

}
