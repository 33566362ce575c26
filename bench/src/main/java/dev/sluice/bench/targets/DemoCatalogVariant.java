package dev.sluice.bench.targets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import dev.sluice.catalog.Catalog;

/**
 * A copy of the demo catalog, edited as a text, where both apps can read it.
 */
public final class DemoCatalogVariant {

	private DemoCatalogVariant() {
	}

	/**
	 * @param directory where the file goes
	 * @param fileName its name
	 * @param edit the change to the demo catalog's YAML
	 * @return its absolute path, checked to load as a catalog
	 */
	public static Path write(Path directory, String fileName, UnaryOperator<String> edit) {
		try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream("catalog/demo.yml")) {
			if (in == null) {
				throw new IllegalStateException("catalog/demo.yml is not on the classpath");
			}
			String yaml = edit.apply(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			Files.createDirectories(directory);
			Path file = directory.resolve(fileName);
			Files.writeString(file, yaml);
			Catalog.load(file.toString());
			return file.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + fileName + " to " + directory, ex);
		}
	}

}
