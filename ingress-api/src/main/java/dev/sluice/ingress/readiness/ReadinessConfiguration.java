package dev.sluice.ingress.readiness;

import org.apache.kafka.clients.admin.Admin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the worker side of the ingress's readiness: the {@code workers} health indicator
 * (in the readiness group, see {@code application.yml}) and the watch that feeds it.
 */
@Configuration(proxyBeanMethods = false)
class ReadinessConfiguration {

	@Bean("workers")
	WorkersHealthIndicator workersHealthIndicator(ReadinessProperties properties) {
		return new WorkersHealthIndicator(properties.awaitWorkers());
	}

	@Bean
	WorkerGroupWatch workerGroupWatch(Admin admin, WorkersHealthIndicator indicator) {
		return new WorkerGroupWatch(new WorkerGroupProbe(admin), indicator);
	}

}
