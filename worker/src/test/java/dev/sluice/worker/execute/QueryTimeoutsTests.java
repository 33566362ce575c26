package dev.sluice.worker.execute;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryTimeoutsTests {

	@Test
	void millisAreTheTimeoutsWholeMilliseconds() {
		assertThat(QueryTimeouts.millis(Duration.ofMillis(1500))).isEqualTo(1500);
		assertThat(QueryTimeouts.millis(Duration.ofNanos(1_999_999))).isEqualTo(1);
	}

	@Test
	void millis_belowOneMillisecondIsOneNotNoTimeout() {
		assertThat(QueryTimeouts.millis(Duration.ofNanos(1))).isEqualTo(1);
	}

	@Test
	void safetyNetIsTheLongestTimeoutPlusTheMargin() {
		assertThat(QueryTimeouts.safetyNet(Duration.ofSeconds(5))).isEqualTo("set statement_timeout = 6000");
	}

	@Test
	void safetyNet_beyondWhatPostgresqlAcceptsIsItsMaximum() {
		assertThat(QueryTimeouts.safetyNet(Duration.ofDays(30)))
			.isEqualTo("set statement_timeout = " + Integer.MAX_VALUE);
	}

}
