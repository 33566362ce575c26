package dev.sluice.worker.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.worker.WorkerInfrastructure;
import dev.sluice.worker.WorkerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.sluice.worker.WorkerFixture.client;
import static dev.sluice.worker.WorkerFixture.database;
import static dev.sluice.worker.WorkerFixture.dbQueries;
import static dev.sluice.worker.WorkerFixture.results;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One query through the whole worker: the rows of its SQL as JDBC reads them, run once
 * however often it is delivered, and failed when its result is over its byte budget.
 */
@WorkerIntegrationTest
class QueryPipelineIT {

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void querySucceedsWithTheRowsOfTheSameSqlOverJdbc() throws Exception {
		QuerySubmitted submitted = client().query("items_from", Map.of("minPrice", "30.00"));
		RecordMetadata record = client().submit(submitted);

		QueryStatus status = results().awaitTerminal(submitted.id());

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
		assertThat(results().statuses(submitted.id())).as("a fast query goes straight to its terminal status")
			.extracting(QueryStatus::state)
			.containsExactly(QueryState.SUCCEEDED);
		client().awaitCommitted(record, Duration.ofSeconds(10));
	}

	@Test
	void duplicateDeliveryRunsOnce() {
		QuerySubmitted query = client().query("items_from", Map.of("minPrice", "12.50"));
		QuerySubmitted sameParameters = client().query("items_from", Map.of("minPrice", "12.50"));
		double executions = dbQueries(this.meterRegistry, "items_from");

		List<RecordMetadata> records = client().submitTogether(List.of(query, query, sameParameters));
		results().awaitTerminal(sameParameters.id());
		client().awaitCommitted(records.get(2), Duration.ofSeconds(30));
		results().awaitCaughtUp(WorkerInfrastructure.broker().bootstrapServers());

		assertThat(results().terminalStatuses(query.id())).hasSize(1);
		assertThat(dbQueries(this.meterRegistry, "items_from")).isEqualTo(executions + 1);
	}

	@Test
	void resultOverItsByteBudgetFailsWithResultTooLarge() {
		QuerySubmitted within = client().query("wide", Map.of("count", 5));
		QuerySubmitted over = client().query("wide", Map.of("count", 20));
		client().submit(within);
		client().submit(over);

		assertThat(results().awaitTerminal(within.id(), Duration.ofSeconds(30)).state())
			.isEqualTo(QueryState.SUCCEEDED);
		QueryStatus status = results().awaitTerminal(over.id(), Duration.ofSeconds(30));
		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("RESULT_TOO_LARGE");
		assertThat(status.error().message()).contains("20 rows", "1024-byte budget", "maxBytes");
	}

	private static List<List<Object>> overJdbc(String minPrice) throws Exception {
		List<List<Object>> rows = new ArrayList<>();
		try (Connection connection = database().connect();
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
