package dev.sluice.worker.cache;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The result cache.
 *
 * @param maxEntries the most results kept, each as large as its query's {@code maxRows}
 * allows
 */
@ConfigurationProperties("sluice.worker.cache")
@Validated
public record CacheProperties(@Min(0) @Max(10_000_000) long maxEntries) {
}
