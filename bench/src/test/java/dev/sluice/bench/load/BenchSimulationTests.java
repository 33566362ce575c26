package dev.sluice.bench.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchSimulationTests {

	@Test
	void aLongPollTheIngressHeldIsReissuedAtOnceWhateverRetryAfterSays() {
		assertThat(BenchSimulation.pollAgainMillis(true, "1")).isZero();
	}

	@Test
	void aPollTheIngressAnsweredAtOnceHonoursRetryAfter() {
		assertThat(BenchSimulation.pollAgainMillis(false, "1")).isEqualTo(1_000);
		assertThat(BenchSimulation.pollAgainMillis(false, "0.5")).isEqualTo(500);
		assertThat(BenchSimulation.pollAgainMillis(false, null)).isZero();
	}

	@Test
	void aRetryAfterDateWaitsASecond() {
		assertThat(BenchSimulation.pollAgainMillis(false, "Wed, 21 Oct 2026 07:28:00 GMT")).isEqualTo(1_000);
	}

}
