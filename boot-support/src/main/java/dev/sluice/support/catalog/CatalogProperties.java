package dev.sluice.support.catalog;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the query catalog comes from. Both apps load the same catalog; an invalid one
 * stops start-up through {@link CatalogFailureAnalyzer}.
 *
 * @param catalog a file path, or {@code classpath:catalog/demo.yml} for the bundled demo
 * catalog (env {@code SLUICE_CATALOG})
 */
@Validated
@ConfigurationProperties("sluice")
public record CatalogProperties(@NotBlank String catalog) {
}
