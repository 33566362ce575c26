package dev.sluice.ingress.catalog;

import dev.sluice.catalog.Catalog;
import dev.sluice.support.catalog.CatalogProperties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the query catalog once at start-up; an invalid catalog stops the start with the
 * message of {@link dev.sluice.catalog.CatalogException}, which names the query and the
 * field.
 */
@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

	@Bean
	Catalog catalog(CatalogProperties properties) {
		return Catalog.load(properties.catalog());
	}

}
