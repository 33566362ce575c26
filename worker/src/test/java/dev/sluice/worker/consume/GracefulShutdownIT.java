package dev.sluice.worker.consume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping a worker in the middle of a query finishes the query, publishes its status,
 * commits and leaves the group, so nothing is redone or left hanging.
 */
@ExtendWith(WorkerInfrastructure.class)
class GracefulShutdownIT {

	@Test
	void shutdownFinishesTheRunningQueryPublishesCommitsAndLeavesTheGroup() throws Exception {
		String bootstrap = WorkerInfrastructure.broker().bootstrapServers();
		Path catalog = Files.createTempFile("sluice-shutdown-it-", ".yml");
		Files.writeString(catalog, """
				queries:
				  sleepy:
				    sql: select :tag::text as tag from pg_sleep(:seconds)
				    params:
				      tag: { type: text, required: true }
				      seconds: { type: decimal, required: true }
				    timeout: 30s
				""");
		// Arguments, not builder properties: those are defaults that application.yml
		// overrides.
		ConfigurableApplicationContext worker = new SpringApplicationBuilder(WorkerApplication.class).run(
				"--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrap,
				"--spring.datasource.url=" + WorkerInfrastructure.database().jdbcUrl(),
				"--spring.datasource.username=" + WorkerInfrastructure.database().username(),
				"--spring.datasource.password=" + WorkerInfrastructure.database().password(),
				"--sluice.catalog=" + catalog, "--sluice.topics.partitions=2", "--sluice.worker.pool-size=2");
		try (QueryClient client = new QueryClient(bootstrap, Catalog.load(catalog.toString()));
				ResultsCollector results = new ResultsCollector(bootstrap);
				Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
			QuerySubmitted query = client.query("sleepy", Map.of("tag", "last", "seconds", "3"));
			RecordMetadata record = client.submit(query);
			results.awaitState(query.id(), QueryState.RUNNING, Duration.ofSeconds(60));

			worker.close();

			QueryStatus status = results.awaitTerminal(query.id(), Duration.ofSeconds(10));
			assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
			assertThat(status.result().rows().get(0)).containsExactly("last");
			assertThat(client.committedOffset(record)).isEqualTo(record.offset() + 1);
			ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(Topics.WORKER_GROUP))
				.describedGroups()
				.get(Topics.WORKER_GROUP)
				.get();
			assertThat(group.members()).isEmpty();
		}
		finally {
			worker.close();
			Files.deleteIfExists(catalog);
		}
	}

}
