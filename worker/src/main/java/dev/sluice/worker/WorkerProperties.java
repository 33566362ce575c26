package dev.sluice.worker;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How much work one worker process takes on.
 *
 * @param poolSize database connections of this process (env
 * {@code SLUICE_WORKER_POOL_SIZE}), and equally the threads that process queries, so that
 * execution concurrency equals the pool size. The database sees at most
 * {@code workers × pool-size} connections from Sluice.
 * @param inFlight the most queries of this process waiting for or holding one of its
 * query threads (env {@code SLUICE_WORKER_IN_FLIGHT}); 4 × pool-size when not set. The
 * consumer pauses while they are all taken. Records whose status waits for Kafka's
 * acknowledgement leave this window but are committed only after it. At least pool-size,
 * or connections would idle; more rides out slow queries at the cost of more re-delivered
 * records after a crash
 * @param connectionTimeout how long a thread waits for a database connection before the
 * database counts as unavailable
 * @param startupTimeout how long start-up waits for Kafka and PostgreSQL to answer before
 * it gives up
 */
@ConfigurationProperties("sluice.worker")
@Validated
public record WorkerProperties(@Min(1) @Max(1000) int poolSize, @Nullable @Min(1) @Max(100_000) Integer inFlight,
		@NotNull Duration connectionTimeout, @NotNull Duration startupTimeout) {

	public WorkerProperties {
		if (inFlight != null && inFlight < poolSize) {
			throw new IllegalArgumentException(
					"sluice.worker.in-flight (" + inFlight + ") must not be smaller than sluice.worker.pool-size ("
							+ poolSize + "), or connections would idle while queries wait in Kafka");
		}
		if (connectionTimeout != null && connectionTimeout.toMillis() < 250) {
			throw new IllegalArgumentException(
					"sluice.worker.connection-timeout must be at least 250ms, not " + connectionTimeout);
		}
		if (startupTimeout != null && startupTimeout.toMillis() < 1000) {
			throw new IllegalArgumentException(
					"sluice.worker.startup-timeout must be at least 1s, not " + startupTimeout);
		}
	}

	/**
	 * The most records in the worker's in-flight window.
	 * @return {@code in-flight}, or 4 × {@code pool-size} when it is not set
	 */
	public int effectiveInFlight() {
		return (this.inFlight != null) ? this.inFlight : 4 * this.poolSize;
	}

}
