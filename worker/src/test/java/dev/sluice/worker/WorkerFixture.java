package dev.sluice.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import dev.sluice.catalog.Catalog;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.devstack.postgres.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the feature tests of {@link WorkerIntegrationTest} share: a catalog of queries
 * made to provoke each behaviour, the table {@code items} some of them read, the worker's
 * settings, and the clients that play the ingress.
 * <p>
 * As an extension it writes the catalog and the table before the worker starts and closes
 * the clients after the worker stopped; as an initializer it points the worker at
 * {@link WorkerInfrastructure}'s broker and database.
 */
public final class WorkerFixture
		implements BeforeAllCallback, AfterAllCallback, ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Database connections of the worker, and so its query threads. */
	public static final int POOL_SIZE = 4;

	/** Names the worker's connections in {@code pg_stat_activity}. */
	public static final String APPLICATION_NAME = "sluice-worker-it";

	/**
	 * Long enough that a fast query never shows RUNNING even on a busy machine, short
	 * enough that a slow one does soon.
	 */
	public static final Duration RUNNING_STATUS_AFTER = Duration.ofSeconds(1);

	static final String CATALOG = """
			queries:
			  items_from:
			    sql: select id, name, price, in_stock from items where price >= :minPrice order by id
			    params:
			      minPrice: { type: decimal, required: true }
			    cacheTtl: 60s
			    timeout: 5s
			    maxRows: 1000
			  numbers:
			    sql: select g as n from generate_series(1, :count) g order by g
			    params:
			      count: { type: int, required: true, min: 0 }
			    maxRows: 10
			  sleepy:
			    sql: select :tag::text as tag from pg_sleep(:seconds)
			    params:
			      tag: { type: text, required: true }
			      seconds: { type: decimal, required: true }
			    cacheTtl: 60s
			    timeout: 60s
			  slow:
			    sql: select 1 as one from pg_sleep(:seconds)
			    params:
			      seconds: { type: decimal, required: true }
			    timeout: 200ms
			  divide:
			    sql: select 10 / :divisor as quotient
			    params:
			      divisor: { type: int, required: true }
			  untouched:
			    sql: select :tag::text as tag
			    params:
			      tag: { type: text, required: true }
			  fast:
			    sql: select :n::int as n
			    params:
			      n: { type: int, required: true }
			  burst:
			    sql: select :n::int as n from pg_sleep(0.05)
			    params:
			      n: { type: int, required: true }
			  wide:
			    sql: select repeat('x', 100) as blob from generate_series(1, :count)
			    params:
			      count: { type: int, required: true }
			    maxBytes: 1KB
			  huge:
			    sql: select repeat('x', 1048576) as blob from generate_series(1, :count)
			    params:
			      count: { type: int, required: true }
			    maxRows: 100
			""";

	private static Path catalogFile;

	private static QueryClient client;

	private static ResultsCollector results;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		database().execute("""
				create table items (id bigint primary key, name text not null, price numeric(10, 2),
				    in_stock boolean not null);
				insert into items select g, 'item ' || g, g * 1.25, g % 3 = 0 from generate_series(1, 40) g;
				update items set price = null where id = 7;
				""");
		catalogFile = Files.createTempFile("sluice-worker-it-", ".yml");
		Files.writeString(catalogFile, CATALOG);
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		TestPropertyValues.of(Map.of("spring.kafka.bootstrap-servers", WorkerInfrastructure.broker().bootstrapServers(),
				"spring.datasource.url", database().jdbcUrl() + "?ApplicationName=" + APPLICATION_NAME,
				"spring.datasource.username", database().username(), "spring.datasource.password",
				database().password(), "sluice.catalog", catalogFile.toString(), "sluice.topics.partitions", "3",
				"sluice.worker.pool-size", Integer.toString(POOL_SIZE), "sluice.worker.running-status-after",
				RUNNING_STATUS_AFTER.toMillis() + "ms"))
			.applyTo(context);
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		try {
			if (results != null) {
				results.close();
				client.close();
			}
		}
		finally {
			results = null;
			client = null;
			Files.deleteIfExists(catalogFile);
		}
	}

	/**
	 * The ingress's producer. Call it from a test, not before: the worker must have
	 * created the topics first.
	 * @return the client, the same for every test of the class
	 */
	public static QueryClient client() {
		connect();
		return client;
	}

	/**
	 * Everything the worker published to {@code sluice.results} since the class started.
	 * Call it from a test, not before: the worker must have created the topics first.
	 * @return the collector, the same for every test of the class
	 */
	public static ResultsCollector results() {
		connect();
		return results;
	}

	private static void connect() {
		if (client == null) {
			client = new QueryClient(WorkerInfrastructure.broker().bootstrapServers(),
					Catalog.load(catalogFile.toString()));
			results = new ResultsCollector(WorkerInfrastructure.broker().bootstrapServers());
		}
	}

	public static TestDatabase database() {
		return WorkerInfrastructure.database();
	}

	/**
	 * The query {@code sleepy}: sleeps, then returns its tag. Identical tags and seconds
	 * share an execution and a cache entry.
	 */
	public static QuerySubmitted sleepy(String tag, String seconds) {
		return client().query("sleepy", Map.of("tag", tag, "seconds", seconds));
	}

	/**
	 * The executions of a query that reached the database.
	 * @param meterRegistry the worker's registry
	 * @param query the catalog name
	 * @return {@code sluice.db.queries} of the query, 0 before its first execution
	 */
	public static double dbQueries(MeterRegistry meterRegistry, String query) {
		Counter counter = meterRegistry.find("sluice.db.queries").tag("query", query).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * The statements of the worker running {@code pg_sleep} now.
	 * @return how many, as {@code pg_stat_activity} sees them
	 */
	public static int runningSleeps() throws Exception {
		try (Connection connection = database().connect();
				PreparedStatement statement = connection.prepareStatement("select count(*) from pg_stat_activity "
						+ "where datname = current_database() and application_name = ? and state = 'active' "
						+ "and query like '%pg_sleep%'")) {
			statement.setString(1, APPLICATION_NAME);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

}
