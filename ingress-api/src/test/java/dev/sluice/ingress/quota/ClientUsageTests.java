package dev.sluice.ingress.quota;

import dev.sluice.ingress.clients.ClientMetrics.Outcome;
import dev.sluice.ingress.clients.Quota;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class ClientUsageTests {

	private static final long LONG_AGO = Long.MIN_VALUE;

	private final ClientUsage usage = new ClientUsage();

	@Test
	void aClientOverItsRateIsRateLimitedUntilATokenIsBack() {
		Quota quota = new Quota(2, 2, 100);
		this.usage.admit(quota, "q1", 0, LONG_AGO);
		this.usage.admit(quota, "q2", 0, LONG_AGO);

		ClientUsage.Decision refused = this.usage.admit(quota, "q3", 0, LONG_AGO);

		assertThat(refused.outcome()).isEqualTo(Outcome.RATE_LIMITED);
		assertThat(refused.retryAfterMillis()).isEqualTo(500);
		assertThat(this.usage.admit(quota, "q3", 500, LONG_AGO).outcome()).isEqualTo(Outcome.ACCEPTED);
	}

	@Test
	void aClientWithAllItsPlacesTakenIsOverCapacityUntilOneEnds() {
		Quota quota = new Quota(1000, 1000, 2);
		this.usage.admit(quota, "q1", 0, LONG_AGO);
		this.usage.admit(quota, "q2", 0, LONG_AGO);

		assertThat(this.usage.admit(quota, "q3", 0, LONG_AGO).outcome()).isEqualTo(Outcome.OVER_CAPACITY);
		this.usage.ended("q1", 10);
		assertThat(this.usage.admit(quota, "q3", 10, LONG_AGO).outcome()).isEqualTo(Outcome.ACCEPTED);
	}

	@Test
	void anotherReplicasQueriesTakePlacesAndTokensHere() {
		Quota quota = new Quota(1, 2, 2);

		this.usage.seen(quota, "elsewhere-1", 0, false, 0);
		this.usage.seen(quota, "elsewhere-1", 0, true, 5);

		assertThat(this.usage.queued()).isZero();
		assertThat(this.usage.running()).isEqualTo(1);
		assertThat(this.usage.admit(quota, "here", 10, LONG_AGO).outcome()).isEqualTo(Outcome.ACCEPTED);
		assertThat(this.usage.admit(quota, "here-2", 10, LONG_AGO).outcome()).isEqualTo(Outcome.OVER_CAPACITY);
		this.usage.ended("elsewhere-1", 20);
		assertThat(this.usage.admit(quota, "here-2", 20, LONG_AGO).outcome()).isEqualTo(Outcome.RATE_LIMITED);
	}

	@Test
	void ownQueriesSeenOnTheTopicAreNotCountedTwice() {
		Quota quota = new Quota(1, 2, 10);
		this.usage.admit(quota, "q1", 0, LONG_AGO);

		this.usage.seen(quota, "q1", 0, false, 1);

		assertThat(this.usage.queued()).isEqualTo(1);
		assertThat(this.usage.admit(quota, "q2", 1, LONG_AGO).outcome()).isEqualTo(Outcome.ACCEPTED);
	}

	@Test
	void aReleasedQueryGivesBackItsPlaceAndToken() {
		Quota quota = new Quota(1, 1, 1);
		this.usage.admit(quota, "q1", 0, LONG_AGO);

		this.usage.release("q1", 0);

		assertThat(this.usage.queued()).isZero();
		assertThat(this.usage.admit(quota, "q2", 0, LONG_AGO).outcome()).isEqualTo(Outcome.ACCEPTED);
	}

	@Test
	void aQueryWhoseEndWasMissedStopsCountingAfterTheLongestLifetime() {
		Quota quota = new Quota(1000, 1000, 1);
		this.usage.seen(quota, "lost", 0, false, 0);

		assertThat(this.usage.admit(quota, "q1", 1000, 0).outcome()).isEqualTo(Outcome.OVER_CAPACITY);
		assertThat(this.usage.admit(quota, "q1", 1000, 1).outcome()).isEqualTo(Outcome.ACCEPTED);
	}

	@Test
	void overCapacityAsksToRetryAfterTheTimeBetweenRecentEnds() {
		Quota quota = new Quota(1000, 1000, 4);
		for (int i = 0; i < 4; i++) {
			this.usage.admit(quota, "q" + i, 0, LONG_AGO);
		}
		assertThat(this.usage.admit(quota, "next", 0, LONG_AGO).retryAfterMillis())
			.as("nothing ended yet: the whole window")
			.isEqualTo(10_000);

		this.usage.ended("q0", 1_000);
		this.usage.ended("q1", 2_000);
		this.usage.admit(quota, "q4", 2_000, LONG_AGO);
		this.usage.admit(quota, "q5", 2_000, LONG_AGO);

		assertThat(this.usage.admit(quota, "next", 2_000, LONG_AGO).retryAfterMillis()).isEqualTo(5_000);
	}

	@Test
	void theRateLimitFieldsNameBothLimits() {
		Quota quota = new Quota(2, 4, 10);
		this.usage.admit(quota, "q1", 0, LONG_AGO);
		HttpHeaders headers = new HttpHeaders();

		RateLimitFields.write(this.usage.admit(quota, "q2", 0, LONG_AGO), headers);

		assertThat(headers.getFirst("RateLimit-Policy"))
			.isEqualTo("\"rate\";q=4;w=2, \"in-flight\";q=10;qu=\"concurrent-requests\"");
		assertThat(headers.getFirst("RateLimit")).isEqualTo("\"rate\";r=2;t=1, \"in-flight\";r=8");
	}

	@Test
	void aRefusalSaysWhenInItsRateLimitField() {
		Quota quota = new Quota(0.5, 1, 10);
		this.usage.admit(quota, "q1", 0, LONG_AGO);
		HttpHeaders headers = new HttpHeaders();

		RateLimitFields.write(this.usage.admit(quota, "q2", 0, LONG_AGO), headers);

		assertThat(headers.getFirst("RateLimit")).isEqualTo("\"rate\";r=0;t=2, \"in-flight\";r=9");
	}

	@Test
	void aClientWithoutLimitsGetsNoRateLimitFields() {
		HttpHeaders headers = new HttpHeaders();

		RateLimitFields.write(this.usage.admit(Quota.UNLIMITED, "q1", 0, LONG_AGO), headers);

		assertThat(headers.isEmpty()).isTrue();
	}

}
