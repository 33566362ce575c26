package dev.sluice.support.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sluice.contract.TopicLayout;
import dev.sluice.contract.Topics;
import dev.sluice.devstack.kafka.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The layout on a real three-broker cluster: what {@code auto} creates there, and an
 * existing topic with fewer replicas stopping start-up.
 */
class ClusterTopicsIT {

	private static final ResultsProperties RESULTS = new ResultsProperties(Duration.ofMinutes(15));

	private static KafkaCluster cluster;

	private static Admin admin;

	@BeforeAll
	static void startCluster() {
		cluster = KafkaCluster.temporary(3).start();
		admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
	}

	@AfterAll
	static void stopCluster() {
		admin.close();
		cluster.close();
	}

	@AfterEach
	void deleteSluiceTopics() throws Exception {
		List<String> names = List.of(Topics.QUERIES, Topics.RESULTS, Topics.CANCELS, Topics.QUERIES_DEAD_LETTER);
		admin.deleteTopics(names).topicNameValues().values().forEach((deleted) -> {
			try {
				deleted.get(30, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				// Not created by this test: nothing to delete.
			}
		});
		await().atMost(Duration.ofSeconds(30))
			.until(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS).stream().noneMatch(names::contains));
	}

	@Test
	void autoOnThreeBrokersCreatesThreeReplicasWithTwoInSync() throws Exception {
		TopicLayout layout = layout(new TopicsProperties(6, "auto"));
		admin.createTopics(layout.topics()).all().get(30, TimeUnit.SECONDS);

		// A broker whose metadata is a moment behind the controller reports a new topic
		// missing, and any broker may answer.
		TopicDescription queries = await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.until(() -> admin.describeTopics(List.of(Topics.QUERIES))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(Topics.QUERIES), (described) -> described != null);
		assertThat(queries.partitions()).hasSize(6)
			.allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(3));
		ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.QUERIES);
		assertThat(admin.describeConfigs(List.of(resource))
			.all()
			.get(10, TimeUnit.SECONDS)
			.get(resource)
			.get("min.insync.replicas")
			.value()).isEqualTo("2");
		// Started again on the topics it made, the layout finds nothing to fault.
		assertThat(layout(new TopicsProperties(6, "auto"))).isEqualTo(layout);
	}

	@Test
	void singleReplicaTopicOnThreeBrokersStopsStartUpNamingIt() throws Exception {
		admin.createTopics(List.of(new NewTopic(Topics.QUERIES, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
		// Any broker may answer the layout's questions, and one whose metadata is a
		// moment
		// behind the controller still reports the new topic missing (which the layout
		// leaves to creation) or the previous test's topic of the same name. Once the
		// brokers agree, the layout must refuse it.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThatExceptionOfType(TopicGuaranteesException.class)
				.isThrownBy(() -> layout(new TopicsProperties(6, "auto")))
				.withMessageContaining("Topic sluice.queries has 1 replica(s) per partition")
				.withMessageContaining("asks for 3"));
		// Asked for explicitly, a single copy is accepted.
		assertThat(layout(new TopicsProperties(6, "1")).replicationFactor()).isEqualTo((short) 1);
	}

	private static TopicLayout layout(TopicsProperties topics) {
		return ClusterTopics.layout(List.of(cluster.bootstrapServers().split(",")), Map.of(), topics, RESULTS);
	}

}
