package dev.sluice.ingress;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.core.ApplicationModules;

/**
 * Every package below {@code dev.sluice.ingress} is an application module: a feature.
 * Modules do not depend on each other in a cycle, use only the public types of each
 * other's base package, and keep to the dependencies their {@code package-info.java}
 * allows: the foundations that every feature builds on ({@code problem}, {@code kafka}
 * and the {@code view} of the results topic) know nothing of the features above them.
 */
class ModularityTests {

	private static final Logger logger = LoggerFactory.getLogger(ModularityTests.class);

	@Test
	void modulesDependOnEachOtherOnlyThroughTheirApiAndWithoutCycles() {
		ApplicationModules modules = ApplicationModules.of(IngressApplication.class);
		modules.forEach((module) -> logger.info("{}", module.toString(modules)));

		modules.verify();
	}

}
