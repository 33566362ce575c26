package dev.sluice.ingress.console;

import java.time.Clock;
import java.time.Duration;

import dev.sluice.ingress.results.QueryStatuses;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the live console: the fleet's activity, fed by every status change this ingress
 * materializes and by the queue gauges.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

	static final Duration WINDOW = Duration.ofMinutes(5);

	static final Duration SMOOTHING = Duration.ofSeconds(10);

	@Bean
	FleetActivity fleetActivity(QueryStatuses statuses) {
		FleetActivity activity = new FleetActivity(WINDOW, SMOOTHING);
		// Lives as long as the context; the view and this listener go together.
		statuses.subscribeToAll(activity::record);
		return activity;
	}

	@Bean
	QueueGaugeSampler queueGaugeSampler(MeterRegistry registry, FleetActivity activity, Clock clock) {
		return new QueueGaugeSampler(registry, activity, clock);
	}

}
