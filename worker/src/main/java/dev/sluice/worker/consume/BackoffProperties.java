package dev.sluice.worker.consume;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How consumption backs off while the database is unavailable: the consumer pauses for
 * {@code initial}, then twice as long each time, up to {@code max}, and retries without
 * limit; queries wait in Kafka meanwhile.
 *
 * @param initial the first pause of consumption once the database is found unavailable
 * @param max the longest pause; each pause doubles the previous one up to this
 */
@ConfigurationProperties("sluice.worker.backoff")
@Validated
public record BackoffProperties(@NotNull Duration initial, @NotNull Duration max) {

	public BackoffProperties {
		if (initial != null && initial.toMillis() < 100) {
			throw new IllegalArgumentException("sluice.worker.backoff.initial must be at least 100ms, not " + initial);
		}
		if (initial != null && max != null && max.compareTo(initial) < 0) {
			throw new IllegalArgumentException("sluice.worker.backoff.max (" + max
					+ ") must not be shorter than sluice.worker.backoff.initial (" + initial + ")");
		}
	}

}
