package dev.sluice.worker;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the worker are application modules that depend on each other only as
 * their {@code package-info} declares ({@link ApplicationModule#allowedDependencies()}):
 * {@code consume} hands records to {@code pipeline}, which alone uses {@code cache},
 * {@code cancel}, {@code execute} and {@code publish}; those know nothing of each other,
 * {@code readiness} reads only the consumer, and {@code startup} stands alone. No module
 * takes part in a cycle or uses another's internals.
 */
class ModularityTests {

	private static final Logger logger = LoggerFactory.getLogger(ModularityTests.class);

	private static final ApplicationModules modules = ApplicationModules.of(WorkerApplication.class);

	@Test
	void modulesUseOnlyTheModulesTheyDeclareWithoutCycles() {
		logger.info("Application modules of the worker:\n{}", modules);

		modules.verify();
	}

	@Test
	void everyModuleDeclaresTheModulesItMayUse() {
		assertThat(modules.stream()).extracting((module) -> module.getIdentifier().toString())
			.containsExactlyInAnyOrder("cache", "cancel", "consume", "execute", "pipeline", "publish", "readiness",
					"startup");
		modules.forEach((module) -> {
			ApplicationModule declared = declaration(module.getBasePackage().getName());
			assertThat(declared).as("@ApplicationModule on package %s", module.getBasePackage().getName()).isNotNull();
			assertThat(declared.allowedDependencies()).as("allowed dependencies of %s", module.getIdentifier())
				.doesNotContain(ApplicationModule.OPEN_TOKEN);
		});
	}

	private static ApplicationModule declaration(String packageName) {
		try {
			return Class.forName(packageName + ".package-info").getAnnotation(ApplicationModule.class);
		}
		catch (ClassNotFoundException ex) {
			throw new AssertionError("Package " + packageName + " has no package-info", ex);
		}
	}

}
