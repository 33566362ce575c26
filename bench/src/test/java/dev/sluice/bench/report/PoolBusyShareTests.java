package dev.sluice.bench.report;

import java.util.List;

import dev.sluice.bench.sample.Sample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PoolBusyShareTests {

	private static final int POOL = 16;

	@Test
	void shareOfBackloggedSecondsWithEveryConnectionActive() {
		List<Sample> samples = List.of(sample(0, 16, 40), sample(1, 16, 16), sample(2, 12, 30), sample(3, 16, 200));
		assertThat(PoolBusyShare.of(samples, POOL)).hasValue(75.0);
	}

	@Test
	void secondsWithLessBacklogThanThePoolDoNotCount() {
		// A short queue cannot keep every connection busy: those seconds say nothing.
		List<Sample> samples = List.of(sample(0, 3, 4), sample(1, 0, 0), sample(2, 16, 20));
		assertThat(PoolBusyShare.of(samples, POOL)).hasValue(100.0);
	}

	@Test
	void notApplicableWhenTheBacklogNeverReachedThePoolSize() {
		List<Sample> samples = List.of(sample(0, 10, 15), sample(1, 2, 3));
		assertThat(PoolBusyShare.of(samples, POOL)).isEmpty();
	}

	@Test
	void anUnreadableQueueDepthIsNoBacklog() {
		assertThat(PoolBusyShare.of(List.of(sample(0, 16, -1)), POOL)).isEmpty();
	}

	private static Sample sample(long second, int workersActive, long queueDepth) {
		return new Sample(second, 20, 18, workersActive, 100, 100, queueDepth);
	}

}
