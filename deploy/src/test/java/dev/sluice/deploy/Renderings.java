package dev.sluice.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every kustomization of deploy/kubernetes rendered: the base and each overlay. Tests run
 * in the module folder, deploy/.
 */
final class Renderings {

	static final Path KUBERNETES = Path.of("kubernetes");

	static final Path REPOSITORY = Path.of("..");

	private Renderings() {
	}

	record Rendering(String name, List<Manifest> manifests) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	static List<Rendering> all() {
		List<Rendering> renderings = new ArrayList<>();
		renderings.add(render(KUBERNETES.resolve("base")));
		try (Stream<Path> overlays = Files.list(KUBERNETES.resolve("overlays"))) {
			overlays.sorted().forEach((overlay) -> renderings.add(render(overlay)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return renderings;
	}

	static Rendering render(Path directory) {
		return new Rendering(KUBERNETES.relativize(directory).toString(),
				new Kustomization(KUBERNETES).render(directory));
	}

}
