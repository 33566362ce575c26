package dev.sluice.support.topics;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How long Sluice keeps what it knows about a query, the part of {@code sluice.results.*}
 * that both apps read. The ingress's own settings of its view of the results bind to the
 * same prefix in the ingress.
 *
 * @param retention how long a query's status stays readable, counted from its submission
 * (env {@code SLUICE_RESULTS_RETENTION}): the retention of the results and cancels
 * topics, how long the ingress keeps a status in its view, and how long a worker
 * remembers finished and cancelled ids; at least a minute
 */
@Validated
@ConfigurationProperties("sluice.results")
public record ResultsProperties(@NotNull @DurationMin(minutes = 1) Duration retention) {
}
