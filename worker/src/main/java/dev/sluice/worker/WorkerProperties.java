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
 * @param batchSize the most records one poll hands to a consumer of the worker; 8 ×
 * pool-size when not set
 * @param consumers Kafka consumers of the worker, sharing its pool-size threads; 1 when
 * not set. More let one consumer's batch use the threads while another's ends, which
 * helps only when the worker has CPU to spare. Each holds partitions of its own: with
 * many workers, partitions should be at least workers × consumers
 * @param connectionTimeout how long a thread waits for a database connection before the
 * database counts as unavailable
 * @param startupTimeout how long start-up waits for Kafka and PostgreSQL to answer before
 * it gives up
 */
@ConfigurationProperties("sluice.worker")
@Validated
public record WorkerProperties(@Min(1) @Max(1000) int poolSize, @Nullable @Min(1) @Max(100_000) Integer batchSize,
		@Nullable @Min(1) @Max(64) Integer consumers, @NotNull Duration connectionTimeout,
		@NotNull Duration startupTimeout) {

	public WorkerProperties {
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
	 * The most records one poll returns.
	 * @return {@code batch-size}, or 8 × {@code pool-size} when it is not set
	 */
	public int effectiveBatchSize() {
		return (this.batchSize != null) ? this.batchSize : 8 * this.poolSize;
	}

	/**
	 * The Kafka consumers of this worker.
	 * @return {@code consumers}, or 1 when it is not set
	 */
	public int effectiveConsumers() {
		return (this.consumers != null) ? this.consumers : 1;
	}

}
