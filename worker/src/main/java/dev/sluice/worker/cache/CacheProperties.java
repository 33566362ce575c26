package dev.sluice.worker.cache;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The result cache.
 *
 * @param maxMemory the most memory the cached results take, counted as the bytes of their
 * encoded rows plus a fixed estimate per entry; {@code 0} caches nothing, though
 * identical queries in flight are still coalesced. Must stay well below the heap
 * ({@code -Xmx}): it is refused at half of it or more
 * @param maxEntries no longer supported: the cache is bounded by {@code max-memory};
 * refused when set, so that a configuration that relies on it does not silently change
 * meaning
 */
@ConfigurationProperties("sluice.worker.cache")
@Validated
public record CacheProperties(@NotNull DataSize maxMemory, @Nullable Long maxEntries) {

	public CacheProperties {
		if (maxEntries != null) {
			throw new IllegalArgumentException("sluice.worker.cache.max-entries is no longer supported: "
					+ "bound the cache by sluice.worker.cache.max-memory (bytes, e.g. 64MB) instead");
		}
		if (maxMemory != null && maxMemory.isNegative()) {
			throw new IllegalArgumentException("sluice.worker.cache.max-memory must not be negative, not " + maxMemory);
		}
		long heap = Runtime.getRuntime().maxMemory();
		if (maxMemory != null && heap != Long.MAX_VALUE && maxMemory.toBytes() >= heap / 2) {
			throw new IllegalArgumentException(
					"sluice.worker.cache.max-memory (" + maxMemory + ") must be less than half the JVM's maximum heap ("
							+ DataSize.ofBytes(heap).toMegabytes() + "MB): lower it or raise -Xmx");
		}
	}

}
