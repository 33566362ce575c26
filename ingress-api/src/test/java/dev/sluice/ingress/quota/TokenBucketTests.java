package dev.sluice.ingress.quota;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTests {

	@Test
	void aFullBucketLetsABurstThroughThenWaitsForTheRefill() {
		TokenBucket bucket = new TokenBucket(10, 3, 0);

		assertThat(bucket.tryTake(0)).isZero();
		assertThat(bucket.tryTake(0)).isZero();
		assertThat(bucket.tryTake(0)).isZero();
		assertThat(bucket.tryTake(0)).isEqualTo(100);
		assertThat(bucket.tryTake(60)).isEqualTo(40);
		assertThat(bucket.tryTake(100)).isZero();
	}

	@Test
	void theRefillStopsAtTheBurst() {
		TokenBucket bucket = new TokenBucket(10, 3, 0);
		bucket.tryTake(0);

		assertThat(bucket.remaining(60_000)).isEqualTo(3);
		assertThat(bucket.millisUntilFull(60_000)).isZero();
	}

	@Test
	void tokensTakenElsewhereAreOwedHereUpToOneBucket() {
		TokenBucket bucket = new TokenBucket(10, 2, 0);
		for (int i = 0; i < 10; i++) {
			bucket.takeAnyway(0, 0);
		}

		assertThat(bucket.remaining(0)).isZero();
		// Owes 2 (not 8): 300 ms to be back at one token.
		assertThat(bucket.tryTake(0)).isEqualTo(300);
		assertThat(bucket.tryTake(300)).isZero();
	}

	@Test
	void aTokenTakenLongerAgoThanARefillIsNotOwed() {
		TokenBucket bucket = new TokenBucket(10, 2, 0);

		bucket.takeAnyway(0, 200);
		bucket.takeAnyway(100, 200);

		assertThat(bucket.remaining(200)).isEqualTo(1);
	}

	@Test
	void aTokenGivenBackCanBeTakenAgain() {
		TokenBucket bucket = new TokenBucket(1, 1, 0);
		bucket.tryTake(0);

		bucket.giveBack(0);

		assertThat(bucket.tryTake(0)).isZero();
	}

	@Test
	void newLimitsKeepTheLevelCappedAtTheNewBurst() {
		TokenBucket bucket = new TokenBucket(10, 5, 0);

		bucket.limits(1, 2, 0);

		assertThat(bucket.remaining(0)).isEqualTo(2);
		assertThat(bucket.refillMillis()).isEqualTo(2000);
	}

}
