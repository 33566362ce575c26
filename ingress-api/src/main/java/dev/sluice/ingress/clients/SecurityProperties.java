package dev.sluice.ingress.clients;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the ingress.
 *
 * @param mode {@code keys}: every {@code /v1} request carries
 * {@code Authorization: Bearer <key>} naming a client of the keys file; {@code open}:
 * anyone may call, as one client named {@code open}, and the ingress warns at start
 * @param keys the keys file (format in {@link ClientKeysParser}); required with
 * {@code mode: keys}
 * @param quota the quota of a client whose entry in the keys file sets none, field by
 * field
 */
@Validated
@ConfigurationProperties("sluice.security")
record SecurityProperties(@NotNull Mode mode, @Nullable Path keys, @NotNull @Valid DefaultQuota quota) {

	/**
	 * @return the keys file
	 * @throws IllegalStateException if none is set, naming the properties to set
	 */
	Path requiredKeys() {
		if (this.keys == null) {
			throw new IllegalStateException("sluice.security.mode is 'keys' but sluice.security.keys names no keys "
					+ "file: set it (SLUICE_SECURITY_KEYS) to a keys file, or set sluice.security.mode=open to run "
					+ "without keys");
		}
		return this.keys;
	}

	/**
	 * The default quota of a client.
	 *
	 * @param rate submissions per second, on average
	 * @param burst submissions at once after a quiet spell
	 * @param maxInFlight queries queued or running at once
	 */
	record DefaultQuota(@Positive double rate, @Min(1) int burst, @Min(1) int maxInFlight) {

		Quota toQuota() {
			return new Quota(this.rate, this.burst, this.maxInFlight);
		}

	}

	enum Mode {

		KEYS, OPEN

	}

}
