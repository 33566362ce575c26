package dev.sluice.catalog;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CatalogTests {

	private static final String MINIMAL = """
			queries:
			  ping:
			    sql: select 1
			""";

	@Test
	void demoCatalog_loads() {
		Catalog catalog = Catalog.load(Catalog.DEMO);

		assertThat(catalog.queries()).extracting(CatalogQuery::name)
			.containsExactly("customer_by_id", "customer_orders", "daily_revenue", "order_details", "orders_by_status",
					"product_search", "top_products");
	}

	@Test
	void demoCatalog_everyParameterMatchesItsSql() {
		for (CatalogQuery query : Catalog.load(Catalog.DEMO).queries()) {
			assertThat(new LinkedHashSet<>(query.sql().parameterOrder())).as(query.name())
				.containsExactlyInAnyOrderElementsOf(query.params().keySet());
			// a ':' that is neither half of a '::' cast must have become a '?'
			assertThat(query.sql().jdbcSql()).as(query.name()).doesNotContainPattern("(?<!:):(?!:)");
			assertThat(query.sql().jdbcSql().chars().filter((c) -> c == '?').count()).as(query.name())
				.isEqualTo(query.sql().parameterOrder().size());
		}
	}

	@Test
	void demoCatalog_customerOrders() {
		CatalogQuery query = Catalog.load(Catalog.DEMO).find("customer_orders").orElseThrow();

		assertThat(query.description()).isEqualTo("Orders of one customer, newest first");
		assertThat(query.sql().jdbcSql()).isEqualTo("""
				select id, total_cents, status, created_at
				from orders where customer_id = ?
				order by created_at desc limit ?
				""");
		assertThat(query.sql().parameterOrder()).containsExactly("customerId", "limit");
		assertThat(query.cacheTtl()).isEqualTo(Duration.ofSeconds(30));
		assertThat(query.timeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(query.maxRows()).isEqualTo(500);
		assertThat(query.queueTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(query.params().get("customerId").describe()).containsEntry("type", "long")
			.containsEntry("required", true)
			.containsEntry("min", BigDecimal.ONE)
			.doesNotContainKeys("default", "max", "maxLength", "values");
		assertThat(query.params().get("limit").describe()).containsEntry("type", "int")
			.containsEntry("required", false)
			.containsEntry("default", 20)
			.containsEntry("min", BigDecimal.ONE)
			.containsEntry("max", BigDecimal.valueOf(500));
	}

	@Test
	void demoCatalog_castsAfterParameters() {
		CatalogQuery query = Catalog.load(Catalog.DEMO).find("product_search").orElseThrow();

		assertThat(query.sql().jdbcSql()).contains("and (?::text is null or category = ?)")
			.contains("ts_rank(search, plainto_tsquery('english', ?))::float8 as rank");
		assertThat(query.sql().parameterOrder()).containsExactly("q", "q", "category", "category", "limit");
	}

	@Test
	void find_unknownQuery_empty() {
		assertThat(Catalog.load(Catalog.DEMO).find("drop_tables")).isEmpty();
	}

	@Test
	void classpathLocation_withLeadingSlash() {
		assertThat(Catalog.load("classpath:/catalog/demo.yml").find("customer_by_id")).isPresent();
	}

	@Test
	void classpathResource_missing() {
		assertThatExceptionOfType(CatalogException.class)
			.isThrownBy(() -> Catalog.load("classpath:catalog/missing.yml"))
			.withMessage("catalog classpath:catalog/missing.yml: no such resource on the classpath");
	}

	@Test
	void file_loadsByPathAndFileUrl(@TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("catalog.yml"), MINIMAL);

		assertThat(Catalog.load(file.toString()).find("ping")).isPresent();
		assertThat(Catalog.load("file:" + file).find("ping")).isPresent();
	}

	@Test
	void file_missing(@TempDir Path dir) {
		Path missing = dir.resolve("missing.yml");

		assertThatExceptionOfType(CatalogException.class).isThrownBy(() -> Catalog.load(missing.toString()))
			.withMessage("catalog " + missing + ": no such file (absolute path: " + missing.toAbsolutePath()
					+ "); set sluice.catalog (env SLUICE_CATALOG) to an existing file");
	}

	@Test
	void file_isDirectory(@TempDir Path dir) {
		assertThatExceptionOfType(CatalogException.class).isThrownBy(() -> Catalog.load(dir.toString()))
			.withMessageStartingWith("catalog " + dir + ": cannot be read: ");
	}

	@Test
	void file_invalid_namesLocation(@TempDir Path dir) throws IOException {
		Path file = Files.writeString(dir.resolve("catalog.yml"), """
				queries:
				  ping:
				    sql: select 1
				    timeout: 5
				""");

		assertThatExceptionOfType(CatalogException.class).isThrownBy(() -> Catalog.load(file.toString()))
			.withMessageStartingWith("catalog " + file + ": query 'ping': timeout: ");
	}

	@Test
	void location_blank() {
		assertThatExceptionOfType(CatalogException.class).isThrownBy(() -> Catalog.load(" "))
			.withMessage("No catalog location given; set sluice.catalog (env SLUICE_CATALOG) to a file path, "
					+ "or to classpath:catalog/demo.yml for the bundled demo catalog");
		assertThatExceptionOfType(CatalogException.class).isThrownBy(() -> Catalog.load(null))
			.withMessageStartingWith("No catalog location given");
	}

	@Test
	void queries_sortedByName() {
		Catalog catalog = Catalog.parse("""
				queries:
				  zeta: { sql: select 1 }
				  alpha: { sql: select 2 }
				  mid: { sql: select 3 }
				""", "inline");

		assertThat(catalog.queries()).extracting(CatalogQuery::name).containsExactly("alpha", "mid", "zeta");
	}

}
