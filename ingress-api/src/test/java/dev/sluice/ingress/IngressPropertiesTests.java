package dev.sluice.ingress;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class IngressPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class)
		.withPropertyValues("sluice.ingress.max-body-size=64KB", "sluice.ingress.max-wait=30s",
				"sluice.ingress.events-timeout=5m");

	@Test
	void validValuesBind() {
		this.runner.run((context) -> {
			IngressProperties properties = context.getBean(IngressProperties.class);
			assertThat(properties.maxBodySize().toKilobytes()).isEqualTo(64);
			assertThat(properties.cappedWait(100)).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void negativeMaxWaitStopsStartNamingTheProperty() {
		this.runner.withPropertyValues("sluice.ingress.max-wait=-1s")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("maxWait"));
	}

	@Test
	void missingEventsTimeoutStopsStart() {
		new ApplicationContextRunner().withUserConfiguration(Properties.class)
			.withPropertyValues("sluice.ingress.max-body-size=64KB", "sluice.ingress.max-wait=30s")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("eventsTimeout"));
	}

	@Test
	void zeroBodySizeStopsStartNamingTheProperty() {
		this.runner.withPropertyValues("sluice.ingress.max-body-size=0B")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("sluice.ingress.max-body-size must be between 1B and 16MB"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(IngressProperties.class)
	static class Properties {

	}

}
