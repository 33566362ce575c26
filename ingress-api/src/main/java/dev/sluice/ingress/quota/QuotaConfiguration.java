package dev.sluice.ingress.quota;

import java.time.Clock;
import java.time.Duration;

import dev.sluice.catalog.Catalog;
import dev.sluice.ingress.clients.ClientDirectory;
import dev.sluice.ingress.view.QueryStatuses;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the per-client quotas.
 */
@Configuration(proxyBeanMethods = false)
class QuotaConfiguration {

	/** How long past its deadline a query's end may still arrive. */
	private static final Duration END_MARGIN = Duration.ofMinutes(1);

	@Bean
	ClientQuotas clientQuotas(QueryStatuses statuses, ClientDirectory directory, Catalog catalog, Clock clock,
			MeterRegistry registry) {
		Duration longest = catalog.queries()
			.stream()
			.map((query) -> query.queueTimeout().plus(query.timeout()))
			.max(Duration::compareTo)
			.orElse(Duration.ZERO);
		return new ClientQuotas(statuses, directory, longest.plus(END_MARGIN), clock, registry);
	}

}
