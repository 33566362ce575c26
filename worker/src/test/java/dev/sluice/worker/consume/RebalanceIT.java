package dev.sluice.worker.consume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.sluice.catalog.Catalog;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.Topics;
import dev.sluice.worker.QueryClient;
import dev.sluice.worker.ResultsCollector;
import dev.sluice.worker.WorkerApplication;
import dev.sluice.worker.WorkerInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers join and leave the group while a backlog drains: partitions move between them,
 * in-flight work is finished or handed over, and no query is lost or ends twice
 * differently.
 */
@ExtendWith(WorkerInfrastructure.class)
class RebalanceIT {

	private static final Logger logger = LoggerFactory.getLogger(RebalanceIT.class);

	static final int QUERIES = 2000;

	private final List<ConfigurableApplicationContext> workers = new ArrayList<>();

	private Path catalog;

	@AfterEach
	void stopWorkers() throws Exception {
		this.workers.forEach(ConfigurableApplicationContext::close);
		if (this.catalog != null) {
			Files.deleteIfExists(this.catalog);
		}
	}

	@Test
	void everyQuerySucceedsOnceWhileWorkersJoinAndLeave() throws Exception {
		String bootstrap = WorkerInfrastructure.broker().bootstrapServers();
		this.catalog = Files.createTempFile("sluice-rebalance-it-", ".yml");
		Files.writeString(this.catalog, """
				queries:
				  work:
				    sql: select :n::int as n from pg_sleep(0.02)
				    params:
				      n: { type: int, required: true }
				""");
		ConfigurableApplicationContext first = startWorker(bootstrap);
		ConfigurableApplicationContext leaving = startWorker(bootstrap);
		try (QueryClient client = new QueryClient(bootstrap, Catalog.load(this.catalog.toString()));
				ResultsCollector results = new ResultsCollector(bootstrap);
				Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			List<QuerySubmitted> queries = new ArrayList<>();
			for (int n = 0; n < QUERIES; n++) {
				queries.add(client.query("work", Map.of("n", n)));
			}
			List<RecordMetadata> records = client.submitTogether(queries);

			await().atMost(Duration.ofSeconds(60)).until(() -> finished(results, queries) >= 300);
			startWorker(bootstrap);
			await().atMost(Duration.ofSeconds(60)).until(() -> membersHoldingPartitions(admin) == 3);
			int beforeLeaving = finished(results, queries);
			leaving.close();
			int afterLeaving = finished(results, queries);

			await().atMost(Duration.ofSeconds(120)).until(() -> finished(results, queries) == QUERIES);
			lastRecordPerPartition(records).forEach((record) -> client.awaitCommitted(record, Duration.ofSeconds(30)));
			results.awaitCaughtUp(bootstrap);

			List<String> redelivered = new ArrayList<>();
			for (QuerySubmitted query : queries) {
				List<QueryStatus> terminal = results.terminalStatuses(query.id());
				QueryStatus first_ = terminal.get(0);
				assertThat(first_.state()).as(query.id()).isEqualTo(QueryState.SUCCEEDED);
				assertThat(first_.result().rows()).as(query.id()).isEqualTo(List.of(List.of(query.params().get("n"))));
				assertThat(terminal).as("terminal statuses of re-delivered %s", query.id())
					.allSatisfy((status) -> assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED))
					.allSatisfy((status) -> assertThat(status.result()).isEqualTo(first_.result()));
				if (terminal.size() > 1) {
					redelivered.add(query.id());
				}
			}
			logger.info(String.format(
					"rebalance: %d queries, %d finished when the third worker had joined, %d while the "
							+ "second one left; %d ran twice",
					QUERIES, beforeLeaving, afterLeaving - beforeLeaving, redelivered.size()));
			assertThat(first.isRunning()).isTrue();
		}
	}

	private ConfigurableApplicationContext startWorker(String bootstrap) {
		// Arguments, not builder properties: those are defaults that application.yml
		// overrides.
		ConfigurableApplicationContext worker = new SpringApplicationBuilder(WorkerApplication.class).run(
				"--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap,
				"--spring.datasource.url=" + WorkerInfrastructure.database().jdbcUrl(),
				"--spring.datasource.username=" + WorkerInfrastructure.database().username(),
				"--spring.datasource.password=" + WorkerInfrastructure.database().password(),
				"--sluice.catalog=" + this.catalog, "--sluice.topics.partitions=6", "--sluice.worker.pool-size=2");
		this.workers.add(worker);
		return worker;
	}

	private static int finished(ResultsCollector results, List<QuerySubmitted> queries) {
		return (int) queries.stream().filter((query) -> !results.terminalStatuses(query.id()).isEmpty()).count();
	}

	private static long membersHoldingPartitions(Admin admin) throws Exception {
		ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(Topics.WORKER_GROUP))
			.describedGroups()
			.get(Topics.WORKER_GROUP)
			.get();
		return group.members().stream().filter((member) -> !member.assignment().topicPartitions().isEmpty()).count();
	}

	private static List<RecordMetadata> lastRecordPerPartition(List<RecordMetadata> records) {
		return List.copyOf(records.stream()
			.collect(Collectors.toMap(RecordMetadata::partition, Function.identity(),
					(a, b) -> (a.offset() > b.offset()) ? a : b))
			.values());
	}

}
