package dev.sluice.worker.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	/**
	 * The result cache, with Caffeine's statistics bound as
	 * {@code cache_gets_total{cache="sluice-results",result=hit|miss}} (an in-flight
	 * execution counts as a hit there; {@code sluice_cache_lookups_total} tells hits and
	 * coalescing apart).
	 */
	@Bean
	ResultCache resultCache(CacheProperties properties, MeterRegistry meterRegistry) {
		ResultCache cache = new ResultCache(properties.maxMemory().toBytes(), Ticker.systemTicker());
		CaffeineCacheMetrics.monitor(meterRegistry, cache.caffeine(), ResultCache.NAME);
		return cache;
	}

}
