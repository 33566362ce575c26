package dev.sluice.ingress.submit;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Admission control: whether the ingress refuses a query it cannot serve in time.
 *
 * @param enabled refuse a submission whose expected queue wait exceeds its deadline
 * @param maxBacklog also refuse while at least this many queries wait, whatever their
 * deadlines; 0 for no such cap
 * @param headroom the share of a query's deadline kept free for the estimate's error: a
 * query is admitted only if its expected wait is at most {@code (1 - headroom)} of its
 * deadline. Under a lasting storm every admitted query is at that margin, so without
 * headroom about half of them would expire
 */
@Validated
@ConfigurationProperties("sluice.admission")
record AdmissionProperties(boolean enabled, @PositiveOrZero long maxBacklog,
		@DecimalMin("0.0") @DecimalMax("0.9") double headroom) {
}
