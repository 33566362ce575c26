package dev.sluice.ingress.problem;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the rendering of the container's own errors; {@link ProblemHandler} renders the
 * rest.
 */
@Configuration(proxyBeanMethods = false)
class ProblemConfiguration {

	@Bean
	ContainerProblems containerProblems() {
		return new ContainerProblems();
	}

}
