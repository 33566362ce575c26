package dev.sluice.ingress.view;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the ingress keeps its materialized view of {@code sluice.results}. How long a
 * status stays in it, {@code sluice.results.retention}, is shared with the worker and
 * bound by {@link dev.sluice.support.topics.ResultsProperties}.
 *
 * @param maxMemory the bound on the view: the bytes its entries hold, each the length of
 * its status document plus a measured per-entry overhead; beyond it the oldest queries
 * are dropped early (and answer 404)
 * @param barrierTimeout the longest a lookup of an id missing from the view waits for the
 * view to catch up with the end of the topic before it answers 404 or 503
 */
@Validated
@ConfigurationProperties("sluice.results")
record ResultsViewProperties(@NotNull DataSize maxMemory,
		@NotNull @DurationMin(millis = 100) @DurationMax(seconds = 30) Duration barrierTimeout) {

	ResultsViewProperties {
		if (maxMemory != null && maxMemory.toMegabytes() < 1) {
			throw new IllegalArgumentException("sluice.results.max-memory must be at least 1MB, not " + maxMemory);
		}
	}

}
