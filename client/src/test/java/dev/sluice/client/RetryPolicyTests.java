package dev.sluice.client;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryPolicyTests {

	private final RetryPolicy policy = RetryPolicy.of(10, Duration.ofMillis(100), Duration.ofSeconds(1));

	@RepeatedTest(20)
	void backoffDoublesWithJitterInItsUpperHalfUpToMaxBackoff() {
		assertThat(this.policy.backoff(1)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
		assertThat(this.policy.backoff(2)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
		assertThat(this.policy.backoff(3)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
		assertThat(this.policy.backoff(5)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
		assertThat(this.policy.backoff(64)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
	}

	@RepeatedTest(20)
	void jitterOnAServersWaitOnlyEverAddsAtMostASecond() {
		assertThat(RetryPolicy.withJitter(Duration.ofSeconds(2))).isBetween(Duration.ofSeconds(2),
				Duration.ofMillis(2200));
		assertThat(RetryPolicy.withJitter(Duration.ofSeconds(60))).isBetween(Duration.ofSeconds(60),
				Duration.ofSeconds(61));
		assertThat(RetryPolicy.withJitter(Duration.ZERO)).isZero();
	}

	@Test
	void maxAttempts_belowOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryPolicy.of(0, Duration.ofMillis(100), Duration.ofSeconds(1)))
			.withMessageContaining("maxAttempts");
	}

	@Test
	void maxBackoff_belowBaseBackoff() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryPolicy.of(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
			.withMessageContaining("maxBackoff");
	}

	@Test
	void baseBackoff_negative() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RetryPolicy.of(3, Duration.ofMillis(-1), Duration.ofSeconds(1)))
			.withMessageContaining("baseBackoff");
	}

}
