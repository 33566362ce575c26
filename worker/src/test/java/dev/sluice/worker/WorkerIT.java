package dev.sluice.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sluice.catalog.Catalog;
import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.devstack.KafkaBroker;
import dev.sluice.devstack.TestDatabase;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker against a real Kafka broker and a real PostgreSQL database, with the ingress
 * played by a plain producer and a results reader.
 */
@ExtendWith(WorkerInfrastructure.class)
@SpringBootTest(classes = WorkerApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class WorkerIT {

	static final int POOL_SIZE = 4;

	static final String APPLICATION_NAME = "sluice-worker-it";

	static final String CATALOG = """
			queries:
			  items_from:
			    sql: select id, name, price, in_stock from items where price >= :minPrice order by id
			    params:
			      minPrice: { type: decimal, required: true }
			    cacheTtl: 60s
			    timeout: 5s
			    maxRows: 1000
			""";

	static KafkaBroker broker;

	static TestDatabase database;

	static Path catalogFile;

	static QueryClient client;

	static ResultsCollector results;

	@BeforeAll
	static void prepareDatabaseAndCatalog() throws IOException {
		broker = WorkerInfrastructure.broker();
		database = WorkerInfrastructure.database();
		database.execute("""
				create table items (id bigint primary key, name text not null, price numeric(10, 2),
				    in_stock boolean not null);
				insert into items select g, 'item ' || g, g * 1.25, g % 3 = 0 from generate_series(1, 40) g;
				update items set price = null where id = 7;
				""");
		catalogFile = Files.createTempFile("sluice-worker-it-", ".yml");
		Files.writeString(catalogFile, CATALOG);
	}

	@DynamicPropertySource
	static void workerProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> broker.bootstrapServers());
		registry.add("spring.datasource.url", () -> database.jdbcUrl() + "?ApplicationName=" + APPLICATION_NAME);
		registry.add("spring.datasource.username", () -> database.username());
		registry.add("spring.datasource.password", () -> database.password());
		registry.add("sluice.catalog", () -> catalogFile.toString());
		registry.add("sluice.topics.partitions", () -> "3");
		registry.add("sluice.worker.pool-size", () -> POOL_SIZE);
	}

	@BeforeEach
	void connectClients() {
		if (client == null) {
			client = new QueryClient(broker.bootstrapServers(), Catalog.load(catalogFile.toString()));
			results = new ResultsCollector(broker.bootstrapServers());
		}
	}

	@AfterAll
	static void closeClients() throws Exception {
		if (results != null) {
			results.close();
			client.close();
			client = null;
		}
		Files.deleteIfExists(catalogFile);
	}

	@Test
	void querySucceedsWithTheRowsOfTheSameSqlOverJdbc() throws Exception {
		QuerySubmitted submitted = client.query("items_from", Map.of("minPrice", "30.00"));
		RecordMetadata record = client.submit(submitted);

		QueryStatus status = results.awaitTerminal(submitted.id());

		assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(status.cache()).isEqualTo(CacheOutcome.MISS);
		assertThat(status.startedAt()).isAfterOrEqualTo(status.submittedAt());
		assertThat(status.completedAt()).isAfterOrEqualTo(status.startedAt());
		assertThat(status.result().columns()).extracting((column) -> column.name() + ":" + column.type())
			.containsExactly("id:int8", "name:text", "price:numeric", "in_stock:bool");
		assertThat(JsonCodec.MAPPER.writeValueAsString(status.result().rows()))
			.isEqualTo(JsonCodec.MAPPER.writeValueAsString(overJdbc("30.00")));
		assertThat(status.result().rowCount()).isEqualTo(17);
		assertThat(status.result().truncated()).isFalse();
		assertThat(results.statuses(submitted.id())).extracting(QueryStatus::state)
			.containsExactly(QueryState.RUNNING, QueryState.SUCCEEDED);
		client.awaitCommitted(record, Duration.ofSeconds(10));
	}

	private static List<List<Object>> overJdbc(String minPrice) throws Exception {
		List<List<Object>> rows = new ArrayList<>();
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement(
						"select id, name, price, in_stock from items where price >= ?::numeric order by id")) {
			statement.setString(1, minPrice);
			try (ResultSet resultSet = statement.executeQuery()) {
				while (resultSet.next()) {
					rows.add(List.of(resultSet.getLong(1), resultSet.getString(2),
							resultSet.getBigDecimal(3).toPlainString(), resultSet.getBoolean(4)));
				}
			}
		}
		return rows;
	}

}
