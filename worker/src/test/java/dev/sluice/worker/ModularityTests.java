package dev.sluice.worker;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.CanvasOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;
import org.springframework.modulith.docs.Documenter.DiagramOptions.ElementsWithoutRelationships;
import org.springframework.modulith.docs.Documenter.Options;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the worker are application modules that depend on each other only as
 * their {@code package-info} declares ({@link ApplicationModule#allowedDependencies()}):
 * {@code consume} hands records to {@code pipeline}, which alone uses {@code cache},
 * {@code cancel}, {@code execute} and {@code publish}; those know nothing of each other,
 * {@code readiness} reads only the consumer, and {@code startup} stands alone. No module
 * takes part in a cycle or uses another's internals.
 * <p>
 * The build also draws the modules: {@code docs/modules/worker} holds their C4 component
 * diagrams (all modules, then one per module with its neighbours), the same in UML under
 * {@code uml/}, a canvas per module, and {@code all-docs.adoc} that gathers them. Every
 * test run writes them afresh; commit them with the change that moved them.
 */
class ModularityTests {

	private static final Logger logger = LoggerFactory.getLogger(ModularityTests.class);

	private static final ApplicationModules modules = ApplicationModules.of(WorkerApplication.class);

	/** Relative to the module's directory, where Surefire runs. */
	private static final String DOCUMENTATION = "../docs/modules/worker";

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

	@Test
	void documentationIsWrittenForEveryModule() throws IOException, URISyntaxException {
		Path folder = moduleDirectory().resolve(DOCUMENTATION).normalize();
		// The overviews show startup too, though it uses no other module.
		DiagramOptions c4 = DiagramOptions.defaults()
			.withStyle(DiagramStyle.C4)
			.withElementsWithoutRelationships(ElementsWithoutRelationships.VISIBLE);
		CanvasOptions canvases = CanvasOptions.defaults().revealInternals();

		// The first writer wipes the folder, so that a module renamed leaves nothing
		// behind; the UML writer then gets a subfolder, as both use the same file names.
		new Documenter(modules, Options.defaults().withOutputFolder(folder.toString())).writeModulesAsPlantUml(c4)
			.writeIndividualModulesAsPlantUml(c4)
			.writeModuleCanvases(canvases)
			.writeAggregatingDocument(c4, canvases);
		DiagramOptions uml = c4.withStyle(DiagramStyle.UML);
		new Documenter(modules, Options.defaults().withOutputFolder(folder.resolve("uml").toString()))
			.writeModulesAsPlantUml(uml)
			.writeIndividualModulesAsPlantUml(uml);

		sortRelationships(folder);

		logger.info("Wrote the module documentation to {}", folder);
		assertThat(folder.resolve("components.puml")).content().contains("Sluice worker");
		assertThat(folder.resolve("uml/components.puml")).isRegularFile();
		assertThat(folder.resolve("all-docs.adoc")).isRegularFile();
		modules.forEach((module) -> assertThat(folder)
			.isDirectoryContaining("glob:**/module-" + module.getIdentifier() + ".puml")
			.isDirectoryContaining("glob:**/module-" + module.getIdentifier() + ".adoc"));
	}

	/**
	 * Modulith adds the relationships between modules in hash order, which differs from
	 * one run to the next; sorting them keeps the diagrams of an unchanged tree the same.
	 * Within each run of relationship lines only, so the elements keep their order.
	 */
	private static void sortRelationships(Path folder) throws IOException {
		List<Path> diagrams;
		try (Stream<Path> files = Files.walk(folder)) {
			diagrams = files.filter((file) -> file.toString().endsWith(".puml")).toList();
		}
		for (Path diagram : diagrams) {
			List<String> lines = new ArrayList<>(Files.readAllLines(diagram));
			for (int start = 0; start < lines.size(); start++) {
				int end = start;
				while (end < lines.size() && isRelationship(lines.get(end))) {
					end++;
				}
				Collections.sort(lines.subList(start, end));
				start = end;
			}
			Files.writeString(diagram, String.join("\n", lines) + "\n");
		}
	}

	private static boolean isRelationship(String line) {
		return line.startsWith("Rel(") || line.contains(" --> ");
	}

	/**
	 * The worker module's directory, found from its compiled classes
	 * ({@code worker/target/classes}) so that the documentation lands in the same place
	 * whatever directory the test runs in.
	 */
	private static Path moduleDirectory() throws URISyntaxException {
		Path classes = Path.of(WorkerApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		return classes.getParent().getParent();
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
