package dev.sluice.support.topics;

import java.time.Duration;
import java.util.List;

import dev.sluice.contract.TopicLayout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicGuaranteesTests {

	private static final TopicLayout THREE = new TopicLayout(12, (short) 3, Duration.ofMinutes(15));

	private static final TopicLayout ONE = new TopicLayout(12, (short) 1, Duration.ofMinutes(15));

	@Test
	void topicsAsConfigured_noProblem() {
		TopicGuarantees guarantees = new TopicGuarantees(THREE, "auto", 3, 3);

		assertThat(guarantees.problems(List.of(new ExistingTopic("sluice.queries", 3, 2)), List.of("sluice.results")))
			.isEmpty();
	}

	@Test
	void moreReplicasOrMoreInSyncThanAsked_noProblem() {
		TopicGuarantees guarantees = new TopicGuarantees(ONE, "1", 3, 3);

		assertThat(guarantees.problems(List.of(new ExistingTopic("sluice.queries", 3, 2)), List.of())).isEmpty();
	}

	@Test
	void singleReplicaTopicOnThreeBrokers_namesTheTopicAndTheWaysOut() {
		TopicGuarantees guarantees = new TopicGuarantees(THREE, "auto", 3, 3);

		List<String> problems = guarantees.problems(List.of(new ExistingTopic("sluice.queries", 1, 1)), List.of());

		assertThat(problems).singleElement()
			.asString()
			.contains("Topic sluice.queries has 1 replica(s) per partition")
			.contains("auto, which is 3 on this cluster of 3 brokers")
			.contains("kafka-reassign-partitions.sh")
			.contains("SLUICE_TOPICS_REPLICATION_FACTOR=1");
	}

	@Test
	void weakerMinInsyncReplicas_namesTheCommandThatRaisesIt() {
		TopicGuarantees guarantees = new TopicGuarantees(THREE, "3", 3, 3);

		List<String> problems = guarantees.problems(List.of(new ExistingTopic("sluice.results", 3, 1)), List.of());

		assertThat(problems).singleElement()
			.asString()
			.contains("Topic sluice.results has min.insync.replicas=1")
			.contains("--entity-name sluice.results --add-config min.insync.replicas=2");
	}

	@Test
	void fewerReplicasThanMinInsync_isUnwritable() {
		TopicGuarantees guarantees = new TopicGuarantees(ONE, "auto", 1, 1);

		List<String> problems = guarantees.problems(List.of(new ExistingTopic("sluice.cancels", 1, 2)), List.of());

		assertThat(problems).singleElement()
			.asString()
			.contains("Topic sluice.cancels has min.insync.replicas=2 but only 1 replica(s)")
			.contains("refuses every acknowledged write")
			.contains("--add-config min.insync.replicas=1");
	}

	@Test
	void missingTopicWithMoreReplicasThanBrokersUp_isNotCreated() {
		TopicGuarantees guarantees = new TopicGuarantees(THREE, "3", 3, 2);

		List<String> problems = guarantees.problems(List.of(), List.of("sluice.queries", "sluice.results"));

		assertThat(problems).singleElement()
			.asString()
			.contains("Topic sluice.queries, sluice.results is missing")
			.contains("only 2 of the cluster's 3 broker(s) are up")
			.contains("SLUICE_TOPICS_REPLICATION_FACTOR, now 3");
	}

	@Test
	void brokerDownButEveryTopicThere_startsAnyway() {
		TopicGuarantees guarantees = new TopicGuarantees(THREE, "auto", 3, 2);

		assertThat(guarantees.problems(List.of(new ExistingTopic("sluice.queries", 3, 2)), List.of())).isEmpty();
	}

}
