package dev.sluice.ingress.readiness;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When the ingress first reports itself ready for traffic.
 *
 * @param awaitWorkers whether readiness waits, once after start-up, until the worker
 * group holds every partition of {@code sluice.queries}, so that the first query accepted
 * runs at once instead of waiting for workers to join; turn it off for an ingress that
 * runs without workers (a test, or a deployment whose workers start later on purpose)
 */
@Validated
@ConfigurationProperties("sluice.ingress.readiness")
record ReadinessProperties(@NotNull Boolean awaitWorkers) {
}
