package dev.sluice.ingress;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.CanvasOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions.DiagramStyle;
import org.springframework.modulith.docs.Documenter.DiagramOptions.ElementsWithoutRelationships;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every package below {@code dev.sluice.ingress} is an application module: a feature.
 * Modules do not depend on each other in a cycle, use only the public types of each
 * other's base package, and keep to the dependencies their {@code package-info.java}
 * allows: the foundations that every feature builds on ({@code problem}, {@code kafka}
 * and the {@code view} of the results topic) know nothing of the features above them.
 * <p>
 * The modules are documented in {@code docs/modules/ingress}, written again by every
 * {@code ./mvnw test}: component diagrams of all modules and of each with its neighbours,
 * in C4 and (under {@code uml/}) UML PlantUML, and each module's canvas. A change to the
 * structure shows in the diff; an unchanged one leaves none.
 */
class ModularityTests {

	private static final Logger logger = LoggerFactory.getLogger(ModularityTests.class);

	private static final ApplicationModules modules = ApplicationModules.of(IngressApplication.class);

	@Test
	void modulesDependOnEachOtherOnlyThroughTheirApiAndWithoutCycles() {
		modules.forEach((module) -> logger.info("{}", module.toString(modules)));

		modules.verify();
	}

	@Test
	void documentationShowsEveryModuleInC4AndUmlWithItsCanvas() throws URISyntaxException, IOException {
		Path folder = documentationFolder();
		DiagramOptions c4 = DiagramOptions.defaults()
			.withStyle(DiagramStyle.C4)
			.withElementsWithoutRelationships(ElementsWithoutRelationships.VISIBLE);
		DiagramOptions uml = c4.withStyle(DiagramStyle.UML);
		CanvasOptions canvas = CanvasOptions.defaults();

		// Each documenter first empties its folder, so nothing stale is left behind.
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder.toString()))
			.writeModulesAsPlantUml(c4)
			.writeIndividualModulesAsPlantUml(c4)
			.writeModuleCanvases(canvas)
			.writeAggregatingDocument(c4, canvas);
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder.resolve("uml").toString()))
			.writeModulesAsPlantUml(uml)
			.writeIndividualModulesAsPlantUml(uml);
		sortElementsAndRelationships(folder);

		logger.info("Module documentation written to {}", folder);
		assertThat(folder.resolve("components.puml")).content().contains("!include <C4/C4_Component>");
		assertThat(folder.resolve("uml/components.puml")).content().contains("componentStyle uml1");
		modules.forEach((module) -> {
			String id = module.getIdentifier().toString();
			for (Path diagram : List.of(folder.resolve("components.puml"), folder.resolve("uml/components.puml"),
					folder.resolve("module-" + id + ".puml"), folder.resolve("uml/module-" + id + ".puml"))) {
				assertThat(diagram).content().containsPattern("\\W" + module.getDisplayName() + "\\W");
			}
			assertThat(folder.resolve("module-" + id + ".adoc")).content().contains("dev.sluice.ingress." + id);
		});
	}

	/**
	 * Structurizr lists the elements and relationships of a diagram in an order that
	 * changes from run to run; sorted, a diagram changes only when the modules do. The
	 * order of these lines means nothing to PlantUML.
	 */
	private static void sortElementsAndRelationships(Path folder) throws IOException {
		List<Path> diagrams;
		try (Stream<Path> files = Files.walk(folder)) {
			diagrams = files.filter((file) -> file.toString().endsWith(".puml")).toList();
		}
		for (Path diagram : diagrams) {
			List<String> lines = new ArrayList<>(Files.readAllLines(diagram));
			int start = 0;
			while (start < lines.size()) {
				String kind = kind(lines.get(start));
				int end = start + 1;
				while (kind != null && end < lines.size() && kind.equals(kind(lines.get(end)))) {
					end++;
				}
				Collections.sort(lines.subList(start, end));
				start = end;
			}
			Files.write(diagram, lines);
		}
	}

	/**
	 * @return whether a line of a C4 or UML diagram declares an element or a
	 * relationship; {@code null} for any other line
	 */
	private static @Nullable String kind(String line) {
		String trimmed = line.strip();
		if (trimmed.startsWith("Rel(") || trimmed.contains(" --> ")) {
			return "relationship";
		}
		if (trimmed.startsWith("Component(") || trimmed.startsWith("component ")) {
			return "element";
		}
		return null;
	}

	/**
	 * {@code docs/modules/ingress} of the repository, found from where this class was
	 * compiled ({@code ingress-api/target/test-classes}), so that it is the same folder
	 * whether the test runs in the module's directory, as under Maven, or elsewhere.
	 */
	private static Path documentationFolder() throws URISyntaxException {
		Path testClasses = Path.of(ModularityTests.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Path module = testClasses.getParent().getParent();
		assertThat(module.resolve("pom.xml")).as("the ingress-api module above %s", testClasses).isRegularFile();
		Path docs = module.resolveSibling("docs");
		assertThat(Files.isDirectory(docs)).as("the repository's docs folder %s", docs).isTrue();
		return docs.resolve("modules").resolve("ingress");
	}

}
