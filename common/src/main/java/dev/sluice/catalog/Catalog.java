package dev.sluice.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The allow-list of queries clients may run. Clients never send SQL: they name a query
 * and pass typed parameters.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.load("classpath:catalog/demo.yml");
 * CatalogQuery query = catalog.find("customer_orders").orElseThrow();
 * }</pre>
 *
 * @see CatalogQuery
 */
public final class Catalog {

	/** The location of the demo catalog bundled with Sluice. */
	public static final String DEMO = "classpath:catalog/demo.yml";

	private final Map<String, CatalogQuery> queries;

	Catalog(Map<String, CatalogQuery> queries) {
		this.queries = Map.copyOf(queries);
	}

	/**
	 * Load and check a catalog.
	 * @param location a file path, or {@code classpath:} followed by a resource name
	 * @return the catalog
	 * @throws CatalogException naming the location, query and field of the first problem,
	 * if the catalog cannot be read or is not valid
	 */
	public static Catalog load(@Nullable String location) {
		return parse(read(location), location);
	}

	/**
	 * Check a catalog given as YAML text.
	 * @param yaml the catalog document
	 * @param source where it came from, for error messages
	 * @return the catalog
	 * @throws CatalogException if it is not valid
	 */
	public static Catalog parse(String yaml, String source) {
		return new Catalog(new CatalogParser(source).parse(yaml));
	}

	public Optional<CatalogQuery> find(String name) {
		return Optional.ofNullable(this.queries.get(name));
	}

	/**
	 * Every query, sorted by name.
	 * @return the queries
	 */
	public Collection<CatalogQuery> queries() {
		return this.queries.values().stream().sorted(java.util.Comparator.comparing(CatalogQuery::name)).toList();
	}

	/**
	 * The longest of a duration every query has, such as its timeout or cacheTtl.
	 * @param property the duration of one query
	 * @return the longest, or {@link Duration#ZERO} for an empty catalog
	 */
	public Duration longest(Function<CatalogQuery, Duration> property) {
		return this.queries.values().stream().map(property).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
	}

	private static String read(@Nullable String location) {
		if (location == null || location.isBlank()) {
			throw new CatalogException("No catalog location given; set sluice.catalog (env SLUICE_CATALOG) to a "
					+ "file path, or to " + DEMO + " for the bundled demo catalog");
		}
		if (location.startsWith("classpath:")) {
			String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
			try (InputStream in = Catalog.class.getClassLoader().getResourceAsStream(resource)) {
				if (in == null) {
					throw new CatalogException("catalog " + location + ": no such resource on the classpath");
				}
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new CatalogException("catalog " + location + ": cannot be read: " + ex.getMessage(), ex);
			}
		}
		Path path = Path.of(location.startsWith("file:") ? location.substring("file:".length()) : location);
		try {
			return Files.readString(path);
		}
		catch (NoSuchFileException ex) {
			throw new CatalogException("catalog " + location + ": no such file (absolute path: " + path.toAbsolutePath()
					+ "); set sluice.catalog (env SLUICE_CATALOG) to an existing file", ex);
		}
		catch (IOException ex) {
			throw new CatalogException("catalog " + location + ": cannot be read: " + ex.getMessage(), ex);
		}
	}

}
