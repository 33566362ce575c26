package dev.sluice.bench;

import java.time.Duration;

import dev.sluice.bench.load.Scenario;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarmUpTests {

	@Test
	void everyTargetIsWarmedUpByDefault() {
		BenchOptions options = BenchOptions.parse("storm");
		Measurement.WarmUp warmUp = Measurement.WarmUp.of(options);
		assertThat(warmUp.duration()).isEqualTo(Duration.ofSeconds(30));
		assertThat(warmUp.users()).isEqualTo(100);
		assertThat(warmUp.describe()).contains("100 users for 30 s");
	}

	@Test
	void zeroTurnsTheWarmUpOff() {
		BenchOptions options = BenchOptions.parse("smoke", "--warm-up", "0s", "--warm-up-users", "5");
		Measurement.WarmUp warmUp = Measurement.WarmUp.of(options);
		assertThat(warmUp.duration()).isZero();
		assertThat(warmUp.describe()).isEqualTo("warm-up: none");
	}

	@Test
	void warmUpRampsInItsFirstQuarterThenHolds() {
		Scenario warmUp = Scenario.warmUp(100, Duration.ofSeconds(20));
		assertThat(warmUp.stages()).containsExactly(new Scenario.Stage(Duration.ofSeconds(5), 100),
				new Scenario.Stage(Duration.ofSeconds(15), 100));
		assertThat(warmUp.duration()).isEqualTo(Duration.ofSeconds(20));
	}

}
