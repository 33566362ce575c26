package dev.sluice.ingress.view;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness of the materialized view: down until everything that was in
 * {@code sluice.results} at start-up has been applied, so that a fresh replica receives
 * no traffic while it would still answer slowly through the read barrier.
 */
final class MaterializerHealthIndicator extends AbstractHealthIndicator {

	private final ResultsMaterializer materializer;

	MaterializerHealthIndicator(ResultsMaterializer materializer) {
		this.materializer = materializer;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.materializer.isCaughtUp()) {
			builder.up();
		}
		else {
			builder.outOfService().withDetail("reason", "catching up with sluice.results");
		}
	}

}
