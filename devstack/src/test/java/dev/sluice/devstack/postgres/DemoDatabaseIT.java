package dev.sluice.devstack.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DemoDatabaseIT {

	/** Parameters for every query of the demo catalog that find rows in the demo data. */
	static final Map<String, Map<String, Object>> SAMPLES = Map.of("customer_by_id", Map.of("customerId", 42),
			"customer_orders", Map.of("customerId", 42), "order_details", Map.of("orderId", 1000), "product_search",
			Map.of("q", "steel"), "orders_by_status", Map.of("from", "2025-06-01", "to", "2025-06-30"), "daily_revenue",
			Map.of("country", "US", "from", "2025-06-01", "to", "2025-06-30"), "top_products",
			Map.of("category", "kitchen", "since", "2025-12-01T00:00:00Z"));

	private static TestDatabase database;

	private static DemoDatabase demo;

	@BeforeAll
	static void load() {
		database = TestDatabase.create("demo");
		demo = DemoDatabase.on(PostgresServer.fromEnvironment(), database.name());
		assertThat(demo.isLoaded()).isFalse();
		demo.load(0.01, (line) -> {
		});
	}

	@AfterAll
	static void drop() {
		database.close();
	}

	@Test
	void scaleSetsTheVolume() throws SQLException {
		assertThat(demo.isLoaded()).isTrue();
		assertThat(count("customers")).isEqualTo(1_000);
		assertThat(count("products")).isEqualTo(100);
		assertThat(count("orders")).isEqualTo(10_000);
		assertThat(demo.estimatedOrders()).isEqualTo(10_000);
		assertThat(count("order_items")).isBetween(28_000L, 32_000L);
	}

	@Test
	void orderTotalIsTheSumOfItsLines() throws SQLException {
		assertThat(
				single("""
						select count(*) from orders o
						where o.total_cents <> (select sum(i.quantity * i.unit_price_cents) from order_items i where i.order_id = o.id)
						"""))
			.isEqualTo(0);
		assertThat(single("select count(*) from order_items i join products p on p.id = i.product_id "
				+ "where i.unit_price_cents <> p.price_cents"))
			.isEqualTo(0);
	}

	@Test
	void everyTableHasItsKeysAndIndexes() throws SQLException {
		List<String> indexes = new ArrayList<>();
		try (Connection connection = database.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select indexname from pg_indexes where schemaname = 'public' order by 1")) {
			while (rows.next()) {
				indexes.add(rows.getString(1));
			}
		}
		assertThat(indexes).containsExactlyInAnyOrder("customers_pkey", "customers_country_idx", "products_pkey",
				"products_sku_key", "products_category_idx", "products_search_idx", "orders_pkey",
				"orders_customer_id_created_at_idx", "orders_created_at_idx", "order_items_pkey",
				"order_items_product_id_idx");
		assertThat(single("select count(*) from pg_constraint where contype = 'f'")).isEqualTo(3);
	}

	@Test
	void everyDemoCatalogQueryFindsRows() throws SQLException {
		Catalog catalog = Catalog.load(Catalog.DEMO);
		assertThat(SAMPLES.keySet()).as("a sample for every demo catalog query")
			.containsExactlyInAnyOrderElementsOf(catalog.queries().stream().map(CatalogQuery::name).toList());
		for (CatalogQuery query : catalog.queries()) {
			Object[] arguments = query.jdbcArguments(query.bind(SAMPLES.get(query.name())));
			try (Connection connection = database.connect();
					PreparedStatement statement = connection.prepareStatement(query.sql().jdbcSql())) {
				for (int i = 0; i < arguments.length; i++) {
					statement.setObject(i + 1, arguments[i]);
				}
				int rows = 0;
				try (ResultSet result = statement.executeQuery()) {
					while (result.next()) {
						rows++;
					}
				}
				assertThat(rows).as(query.name()).isPositive();
			}
		}
	}

	@Test
	void sameScaleLoadsTheSameRows() throws SQLException {
		String checksum = "select md5(string_agg(concat_ws(',', id, customer_id, status, total_cents, created_at), ';' "
				+ "order by id)) from orders";
		String before = text(checksum);
		try (TestDatabase other = TestDatabase.create("demo_again")) {
			DemoDatabase.on(PostgresServer.fromEnvironment(), other.name()).load(0.01, (line) -> {
			});
			try (Connection connection = other.connect();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(checksum)) {
				rows.next();
				assertThat(rows.getString(1)).isEqualTo(before);
			}
		}
	}

	@Test
	void scaleOutOfRangeIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> demo.load(0, (line) -> {
		})).withMessageContaining("scale");
		assertThatIllegalArgumentException().isThrownBy(() -> demo.load(21, (line) -> {
		})).withMessageContaining("at most 20");
	}

	private static long count(String table) throws SQLException {
		return single("select count(*) from " + table);
	}

	private static long single(String sql) throws SQLException {
		try (Connection connection = database.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static String text(String sql) throws SQLException {
		try (Connection connection = database.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	static String demoFile(String name) {
		try (InputStream in = DemoDatabaseIT.class.getResourceAsStream("/demo/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
