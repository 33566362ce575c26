package dev.sluice.devstack.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaClusterIT {

	@Test
	void killedLeaderIsReplacedAndRejoinsWithItsData() throws Exception {
		try (KafkaCluster cluster = KafkaCluster.temporary(3).start();
				Admin admin = Admin
					.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
			assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(3);
			admin
				.createTopics(List
					.of(new NewTopic("t", 6, (short) 3).configs(Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"))))
				.all()
				.get(30, TimeUnit.SECONDS);
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
							ProducerConfig.ACKS_CONFIG, "all"),
					new StringSerializer(), new StringSerializer())) {
				producer.send(new ProducerRecord<>("t", "before", "v")).get(30, TimeUnit.SECONDS);
				int leader = cluster.leaderOfMostPartitions("t");

				cluster.kill(leader);

				assertThat(cluster.isRunning(leader)).isFalse();
				// acks=all with two of three replicas left: written once the leaders
				// moved.
				for (int i = 0; i < 12; i++) {
					producer.send(new ProducerRecord<>("t", "during-" + i, "v")).get(30, TimeUnit.SECONDS);
				}
				assertThat(describe(admin).partitions())
					.allSatisfy((partition) -> assertThat(partition.leader().id()).isNotEqualTo(leader));

				cluster.start(leader);

				await("every partition back to three in-sync replicas").atMost(Duration.ofSeconds(60))
					.until(() -> describe(admin).partitions().stream().allMatch((p) -> p.isr().size() == 3));
			}
		}
	}

	private static TopicDescription describe(Admin admin) throws Exception {
		return admin.describeTopics(List.of("t")).allTopicNames().get(10, TimeUnit.SECONDS).get("t");
	}

}
