package dev.sluice.bench.targets;

import java.nio.file.Path;

/**
 * The demo catalog with every {@code cacheTtl} set to 0s, so that a Sluice target shows
 * its pipeline's own cost without its result cache (in-flight coalescing stays on).
 */
public final class NoCacheCatalog {

	private NoCacheCatalog() {
	}

	/**
	 * Write the copy where both apps can read it.
	 * @param directory where {@code demo-no-cache.yml} goes
	 * @return its absolute path, checked to load as a catalog
	 */
	public static Path write(Path directory) {
		return DemoCatalogVariant.write(directory, "demo-no-cache.yml",
				(yaml) -> yaml.replaceAll("(?m)^(\\s*cacheTtl:)\\s*\\S+", "$1 0s"));
	}

}
