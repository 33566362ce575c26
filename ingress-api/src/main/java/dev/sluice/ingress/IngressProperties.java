package dev.sluice.ingress;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP API, shared by submission and status requests.
 *
 * @param maxBodySize the largest accepted {@code POST /v1/queries} body; larger ones are
 * refused with 400 before they are parsed
 * @param maxWait the cap on {@code Prefer: wait=N}; a larger N is served as this many
 * seconds
 * @param eventsTimeout how long one {@code /events} stream stays open; after it the
 * stream ends and the client reconnects with {@code Last-Event-ID}
 */
@Validated
@ConfigurationProperties("sluice.ingress")
public record IngressProperties(@NotNull DataSize maxBodySize,
		@NotNull @DurationMin(seconds = 0) @DurationMax(minutes = 5) Duration maxWait,
		@NotNull @DurationMin(seconds = 1) Duration eventsTimeout) {

	public IngressProperties {
		if (maxBodySize != null && (maxBodySize.toBytes() < 1 || maxBodySize.toBytes() > 16 * 1024 * 1024)) {
			throw new IllegalArgumentException(
					"sluice.ingress.max-body-size must be between 1B and 16MB, not " + maxBodySize);
		}
	}

	/**
	 * The wait to apply for a requested {@code Prefer: wait=N}.
	 * @param requestedSeconds N, not negative
	 * @return N seconds, capped at {@link #maxWait()}
	 */
	public Duration cappedWait(long requestedSeconds) {
		Duration requested = Duration.ofSeconds(requestedSeconds);
		return (requested.compareTo(this.maxWait) > 0) ? this.maxWait : requested;
	}

}
