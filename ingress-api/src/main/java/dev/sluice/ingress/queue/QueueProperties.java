package dev.sluice.ingress.queue;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How often the ingress measures the backlog of {@code sluice.queries}.
 *
 * @param interval the pause between two measurements
 */
@Validated
@ConfigurationProperties("sluice.queue")
record QueueProperties(@NotNull @DurationMin(millis = 200) Duration interval) {
}
