package dev.sluice.ingress.submit;

import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Admission control: whether the ingress refuses a query it cannot serve in time.
 *
 * @param enabled refuse a submission whose expected queue wait exceeds its deadline
 * @param maxBacklog also refuse while at least this many queries wait, whatever their
 * deadlines; 0 for no such cap
 */
@Validated
@ConfigurationProperties("sluice.admission")
record AdmissionProperties(boolean enabled, @PositiveOrZero long maxBacklog) {
}
