package dev.sluice.ingress.clients;

import dev.sluice.catalog.Catalog;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires API-key authentication of every {@code /v1} request, or, with
 * {@code sluice.security.mode=open}, none.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class ClientsConfiguration {

	@Bean(destroyMethod = "close")
	ClientsWebConfigurer clientsWebConfigurer(SecurityProperties properties, Catalog catalog, ClientMetrics metrics) {
		return ClientsWebConfigurer.of(properties, catalog, metrics);
	}

	@Bean
	ClientMetrics clientMetrics(MeterRegistry registry) {
		return new ClientMetrics(registry);
	}

	@Bean
	ClientDirectory clientDirectory(ClientsWebConfigurer configurer) {
		return configurer.directory();
	}

}
