package dev.sluice.devstack.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * The demo shop database that the demo catalog queries: customers, products, orders and
 * order lines, generated inside PostgreSQL from the SQL files under {@code demo/} on the
 * classpath (the same files the Docker Compose stack loads with psql).
 *
 * <pre>{@code
 * DemoDatabase demo = DemoDatabase.on(PostgresServer.fromEnvironment(), DemoDatabase.DEFAULT_NAME);
 * demo.ensureLoaded(1.0, System.out::println); // creates and loads sluice_demo when absent
 * demo.load(0.01, System.out::println);        // reloads it with 1% of the default volume
 * }</pre>
 *
 * At scale 1 (100,000 customers, 10,000 products, 1,000,000 orders, about 3,000,000 order
 * lines) a load takes about 30 seconds on two cores. Loading is deterministic: the same
 * scale gives the same rows.
 */
public final class DemoDatabase {

	/** The database the local stack uses unless told otherwise. */
	public static final String DEFAULT_NAME = "sluice_demo";

	/** The largest accepted scale: 20 million orders. */
	public static final double MAX_SCALE = 20;

	private static final List<String> SCRIPTS = List.of("schema.sql", "data.sql", "keys.sql");

	/** Created last by keys.sql: its presence means a load ran to the end. */
	private static final String LAST_INDEX = "order_items_product_id_idx";

	private static final Duration REPORT_STEPS_LONGER_THAN = Duration.ofMillis(500);

	private final PostgresServer server;

	private final String name;

	private volatile @Nullable Statement running;

	private volatile boolean canceled;

	private DemoDatabase(PostgresServer server, String name) {
		this.server = server;
		this.name = name;
	}

	/**
	 * The demo database {@code name} on {@code server}; nothing is created yet.
	 * @param server the PostgreSQL server
	 * @param name the database name, e.g. {@link #DEFAULT_NAME}
	 * @return the demo database
	 */
	public static DemoDatabase on(PostgresServer server, String name) {
		return new DemoDatabase(server, name);
	}

	public String name() {
		return this.name;
	}

	public String jdbcUrl() {
		return this.server.jdbcUrl(this.name);
	}

	/**
	 * Whether the database exists and a load ran to its end in it.
	 * @return {@code true} if the demo data is there
	 * @throws IllegalStateException saying how to start PostgreSQL if the server cannot
	 * be reached
	 */
	public boolean isLoaded() {
		if (!this.server.databaseExists(this.name)) {
			return false;
		}
		try (Connection connection = this.server.connect(this.name);
				PreparedStatement statement = connection.prepareStatement("select to_regclass(?) is not null")) {
			statement.setString(1, "public." + LAST_INDEX);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() && rows.getBoolean(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot inspect database " + this.name + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The number of orders according to the planner's statistics: cheap, and exact right
	 * after a load.
	 * @return the estimated row count of {@code orders}
	 */
	public long estimatedOrders() {
		try (Connection connection = this.server.connect(this.name);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(
						"select greatest(reltuples, 0)::bigint from pg_class where oid = 'orders'::regclass")) {
			return rows.next() ? rows.getLong(1) : 0;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot count the orders of " + this.name + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Load the demo data unless a complete load is already there.
	 * @param scale the volume, as for {@link #load(double, Consumer)}
	 * @param progress receives one line per step
	 * @return {@code true} if data was loaded now, {@code false} if it was already there
	 */
	public boolean ensureLoaded(double scale, Consumer<String> progress) {
		if (isLoaded()) {
			return false;
		}
		load(scale, progress);
		return true;
	}

	/**
	 * Create the database if absent, then (re)create the demo tables and fill them.
	 * Existing demo tables are dropped first.
	 * @param scale multiplies the default volume (1 = 1,000,000 orders); above 0, at most
	 * {@link #MAX_SCALE}
	 * @param progress receives one line per step that took longer than half a second
	 * @return how long the load took
	 * @throws IllegalArgumentException if the scale is out of range
	 * @throws IllegalStateException if a statement fails or the load was canceled
	 */
	public Duration load(double scale, Consumer<String> progress) {
		requireScale(scale);
		long start = System.nanoTime();
		if (!this.server.databaseExists(this.name)) {
			this.server.createDatabase(this.name);
			progress.accept("created database " + this.name);
		}
		// One session for every file: data.sql keeps its helper functions and sizes in
		// session-local temporary objects.
		try (Connection connection = this.server.connect(this.name);
				PreparedStatement setting = connection
					.prepareStatement("select set_config('sluice.demo_scale', ?, false)")) {
			setting.setString(1, formatScale(scale));
			setting.execute();
			for (String script : SCRIPTS) {
				run(connection, script, progress);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Loading the demo data into " + this.name + " failed: " + ex.getMessage(),
					ex);
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/**
	 * Cancel a load running in another thread; it then fails with an
	 * {@link IllegalStateException}. Does nothing when no load runs.
	 */
	public void cancel() {
		this.canceled = true;
		Statement statement = this.running;
		if (statement != null) {
			try {
				statement.cancel();
			}
			catch (SQLException ex) {
				// The statement may have ended meanwhile: the flag still stops the load.
			}
		}
	}

	private void run(Connection connection, String script, Consumer<String> progress) throws SQLException {
		for (String sql : SqlScript.statements(resource(script))) {
			if (this.canceled) {
				throw new IllegalStateException("Loading the demo data into " + this.name + " was canceled");
			}
			long start = System.nanoTime();
			try (Statement statement = connection.createStatement()) {
				this.running = statement;
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new SQLException(script + ": " + SqlScript.summary(sql) + ": " + ex.getMessage(),
						ex.getSQLState(), ex);
			}
			finally {
				this.running = null;
			}
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			if (took.compareTo(REPORT_STEPS_LONGER_THAN) > 0) {
				progress.accept(
						String.format(Locale.ROOT, "%-72s %5.1f s", SqlScript.summary(sql), took.toMillis() / 1000.0));
			}
		}
	}

	/**
	 * Refuse a scale that {@link #load(double, Consumer)} would refuse.
	 * @param scale the demo data volume (1 = 1,000,000 orders)
	 * @throws IllegalArgumentException saying the accepted range
	 */
	public static void requireScale(double scale) {
		if (!(scale > 0 && scale <= MAX_SCALE)) {
			throw new IllegalArgumentException("The demo scale must be above 0 and at most " + formatScale(MAX_SCALE)
					+ " (1 = 1,000,000 orders), not " + scale);
		}
	}

	/**
	 * A scale as people write it, e.g. {@code 0.01} or {@code 1}, never {@code 1.0E-2}.
	 * @param scale the demo data volume
	 * @return the plain number without trailing zeros
	 */
	public static String formatScale(double scale) {
		return BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString();
	}

	private static String resource(String script) {
		try (InputStream in = DemoDatabase.class.getResourceAsStream("/demo/" + script)) {
			if (in == null) {
				throw new IllegalStateException("demo/" + script + " is missing from the devstack classpath");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
