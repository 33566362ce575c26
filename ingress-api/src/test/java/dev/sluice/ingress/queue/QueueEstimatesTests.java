package dev.sluice.ingress.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueueEstimatesTests {

	private static final long SECOND = 1_000_000_000L;

	private final QueueEstimates estimates = new QueueEstimates(Duration.ofSeconds(1));

	@Test
	void aFailedMeasurementKeepsTheLastKnownAndTheRateIsMeasuredOnFromIt() {
		this.estimates.update(new QueueBacklog(600, 2.0, 1, 1000), 0, 0);
		this.estimates.update(new QueueBacklog(560, 2.0, 1, 1040), SECOND, 0);
		QueueEstimate before = this.estimates.current();

		this.estimates.measurementFailed();

		assertThat(this.estimates.current().known()).isFalse();
		assertThat(this.estimates.lastKnown()).isSameAs(before);
		// Two seconds since the last success, 80 finished: still 40/s.
		this.estimates.update(new QueueBacklog(480, 2.0, 1, 1120), 3 * SECOND, 0);
		assertThat(this.estimates.current().drainPerSecond()).isEqualTo(40.0);
		assertThat(this.estimates.lastKnown()).isSameAs(this.estimates.current());
	}

}
