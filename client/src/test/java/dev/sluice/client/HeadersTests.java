package dev.sluice.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RetryAfter} and {@link RateLimits}: the headers that say how long to wait. */
class HeadersTests {

	private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

	@Test
	void retryAfterInSeconds() {
		assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
	}

	@Test
	void retryAfterAsHttpDate() {
		assertThat(RetryAfter.parse("Wed, 02 Dec 2026 10:00:03 GMT", NOW)).contains(Duration.ofSeconds(3));
		assertThat(RetryAfter.parse("Wed, 02 Dec 2026 09:59:00 GMT", NOW)).contains(Duration.ZERO);
	}

	@Test
	void retryAfterThatIsMalformedIsIgnored() {
		assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
		assertThat(RetryAfter.parse("-1", NOW)).isEmpty();
		assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
	}

	@Test
	void rateLimitOfAnExhaustedPolicyWaitsItsEffectiveWindow() {
		assertThat(RateLimits.exhaustedFor(List.of("\"default\";r=0;t=12"), List.of()))
			.contains(Duration.ofSeconds(12));
	}

	@Test
	void rateLimitWithQuotaLeftAsksForNoWait() {
		assertThat(RateLimits.exhaustedFor(List.of("\"default\";r=50;t=30"), List.of())).isEmpty();
	}

	@Test
	void rateLimitWaitsForTheLongestExhaustedPolicy() {
		assertThat(RateLimits
			.exhaustedFor(List.of("\"permin\";r=0;t=20, \"perhr\";r=0;t=1200", "\"perday\";r=10;t=80000"), List.of()))
			.contains(Duration.ofSeconds(1200));
	}

	@Test
	void rateLimitWithoutEffectiveWindowFallsBackToThePolicysWindow() {
		assertThat(RateLimits.exhaustedFor(List.of("\"peruser\";r=0;pk=:cHsdsRa894==:"),
				List.of("\"permin\";q=50;w=60,\"peruser\";q=100;w=90;pk=:cHsdsRa894==:")))
			.contains(Duration.ofSeconds(90));
	}

	@Test
	void rateLimitNamedByTokenAsInEarlierDrafts() {
		assertThat(RateLimits.exhaustedFor(List.of("default;r=0;t=5"), List.of())).contains(Duration.ofSeconds(5));
	}

	@Test
	void malformedRateLimitIsIgnored() {
		assertThat(RateLimits.exhaustedFor(List.of("\"default\";r=0;t=5,"), List.of())).isEmpty();
		assertThat(RateLimits.exhaustedFor(List.of("\"default\" r=0"), List.of())).isEmpty();
		assertThat(RateLimits.exhaustedFor(List.of("\"unterminated;r=0;t=5"), List.of())).isEmpty();
		assertThat(RateLimits.exhaustedFor(List.of("\"default\";r=0;t=-5"), List.of())).isEmpty();
		assertThat(RateLimits.exhaustedFor(List.of("\"default\";t=5"), List.of())).isEmpty();
	}

	@Test
	void fieldLinesAreOneListSoOneMalformedLineSpoilsTheField() {
		assertThat(RateLimits.exhaustedFor(List.of("\"permin\";r=5;t=20", "\"perhr\";r=0;t=40"), List.of()))
			.contains(Duration.ofSeconds(40));
		assertThat(RateLimits.exhaustedFor(List.of("(\"inner\" \"list\")", "\"default\";r=0;t=4"), List.of()))
			.isEmpty();
	}

	@Test
	void malformedPolicyLeavesTheWindowUnknown() {
		assertThat(RateLimits.exhaustedFor(List.of("\"burst\";r=0"), List.of("\"burst\";q=100;w="))).isEmpty();
	}

}
