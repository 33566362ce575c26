package dev.sluice.ingress;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans shared by the features of the ingress.
 */
@Configuration(proxyBeanMethods = false)
class IngressConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	QueryIds queryIds(Clock clock) {
		return new QueryIds(clock);
	}

}
