package dev.sluice.bench.targets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.sluice.catalog.Catalog;

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
		try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream("catalog/demo.yml")) {
			if (in == null) {
				throw new IllegalStateException("catalog/demo.yml is not on the classpath");
			}
			String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
				.replaceAll("(?m)^(\\s*cacheTtl:)\\s*\\S+", "$1 0s");
			Files.createDirectories(directory);
			Path file = directory.resolve("demo-no-cache.yml");
			Files.writeString(file, yaml);
			Catalog.load(file.toString());
			return file.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the cache-less catalog to " + directory, ex);
		}
	}

}
