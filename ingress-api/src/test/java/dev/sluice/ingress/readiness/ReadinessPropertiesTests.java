package dev.sluice.ingress.readiness;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	@Test
	void awaitWorkersBinds() {
		this.runner.withPropertyValues("sluice.ingress.readiness.await-workers=false")
			.run((context) -> assertThat(context.getBean(ReadinessProperties.class).awaitWorkers()).isFalse());
	}

	@Test
	void missingAwaitWorkersStopsStartNamingTheProperty() {
		this.runner.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("awaitWorkers"));
	}

	@Test
	void nonBooleanAwaitWorkersStopsStartNamingTheProperty() {
		this.runner.withPropertyValues("sluice.ingress.readiness.await-workers=sometimes")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("sluice.ingress.readiness.await-workers"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ReadinessProperties.class)
	static class Properties {

	}

}
