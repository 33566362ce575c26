package dev.sluice.bench;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchOptionsTests {

	@Test
	void stormAndWaveRunEveryTargetByDefault() {
		assertThat(BenchOptions.parse("storm").targets()).containsExactly("direct", "pgbouncer", "sluice",
				"sluice-nocache", "sluice-poll");
		assertThat(BenchOptions.parse("wave").targets()).isEqualTo(BenchOptions.parse("storm").targets());
	}

	@Test
	void waitModePostsWithPreferWaitThirtyByDefault() {
		BenchOptions options = BenchOptions.parse("smoke", "--targets", "sluice,sluice-poll");
		assertThat(options.submitWait()).isEqualTo(Duration.ofSeconds(30));
		assertThat(options.pollWait()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void anUnknownTargetIsRefusedWithTheChoices() {
		assertThatIllegalArgumentException().isThrownBy(() -> BenchOptions.parse("storm", "--targets", "sluice-fast"))
			.withMessageContaining("sluice-fast")
			.withMessageContaining("sluice-nocache, sluice-poll");
	}

}
