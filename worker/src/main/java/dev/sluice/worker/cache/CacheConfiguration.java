package dev.sluice.worker.cache;

import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the result cache, whose statistics are bound to the meter registry as it is a
 * {@link io.micrometer.core.instrument.binder.MeterBinder}.
 */
@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

	@Bean
	ResultCache resultCache(CacheProperties properties) {
		return new ResultCache(properties.maxMemory().toBytes(), Ticker.systemTicker());
	}

}
