package dev.sluice.support;

import dev.sluice.support.catalog.CatalogProperties;
import dev.sluice.support.topics.ResultsProperties;
import dev.sluice.support.topics.TopicsProperties;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Binds and validates the {@code sluice.*} properties both apps read, so that they accept
 * and refuse the same values. Each app's own properties are bound by the app.
 */
@AutoConfiguration
@EnableConfigurationProperties({ CatalogProperties.class, TopicsProperties.class, ResultsProperties.class })
class SharedPropertiesAutoConfiguration {

}
