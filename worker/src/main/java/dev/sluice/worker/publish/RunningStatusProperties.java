package dev.sluice.worker.publish;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When a worker announces that a query runs.
 *
 * @param runningStatusAfter how long an execution must have been running before its
 * {@code RUNNING} status is published; a query that finishes sooner goes straight from
 * {@code QUEUED} to its terminal status (which carries {@code startedAt}), saving a
 * record. {@code 0} publishes RUNNING for every execution
 */
@ConfigurationProperties("sluice.worker")
@Validated
public record RunningStatusProperties(@NotNull Duration runningStatusAfter) {

	public RunningStatusProperties {
		if (runningStatusAfter != null && runningStatusAfter.isNegative()) {
			throw new IllegalArgumentException(
					"sluice.worker.running-status-after must not be negative, not " + runningStatusAfter);
		}
	}

}
