package dev.sluice.ingress.console;

import java.time.Clock;

import dev.sluice.ingress.view.QueryStatuses;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the live console: the fleet's activity, fed by every status change this ingress
 * materializes and by the queue gauges.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

	@Bean
	FleetActivity fleetActivity(QueryStatuses statuses) {
		return new FleetActivity(statuses);
	}

	@Bean
	QueueGaugeSampler queueGaugeSampler(MeterRegistry registry, FleetActivity activity, Clock clock) {
		return new QueueGaugeSampler(registry, activity, clock);
	}

}
