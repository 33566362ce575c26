package dev.sluice.contract;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class TopicLayoutTests {

	@Test
	void partitions_zero() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicLayout(0, (short) 1, Duration.ofMinutes(15)))
			.withMessage("sluice.topics.partitions must be at least 1, not 0");
	}

	@Test
	void replicationFactor_zero() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicLayout(12, (short) 0, Duration.ofMinutes(15)))
			.withMessage("sluice.topics.replication-factor must be at least 1, not 0");
	}

	@Test
	void replicationFactor_negative() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicLayout(12, (short) -1, Duration.ofMinutes(15)))
			.withMessage("sluice.topics.replication-factor must be at least 1, not -1");
	}

	@Test
	void resultsRetention_belowOneMinute() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicLayout(12, (short) 1, Duration.ofSeconds(59)))
			.withMessage("sluice.results.retention must be at least 1m, not PT59S");
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicLayout(12, (short) 1, Duration.ofMillis(59_999)))
			.withMessageStartingWith("sluice.results.retention must be at least 1m");
		assertThatIllegalArgumentException().isThrownBy(() -> new TopicLayout(12, (short) 1, Duration.ofMinutes(-5)))
			.withMessageStartingWith("sluice.results.retention must be at least 1m");
	}

	@Test
	void smallestLayout_accepted() {
		TopicLayout layout = new TopicLayout(1, (short) 1, Duration.ofMinutes(1));

		assertThat(layout.topics()).allSatisfy((topic) -> {
			assertThat(topic.numPartitions()).isEqualTo(1);
			assertThat(topic.replicationFactor()).isEqualTo((short) 1);
		});
	}

	@Test
	void topics_theFourOfTheContract() {
		List<NewTopic> topics = new TopicLayout(12, (short) 3, Duration.ofMinutes(15)).topics();

		assertThat(topics).extracting(NewTopic::name)
			.containsExactlyInAnyOrder(Topics.QUERIES, Topics.RESULTS, Topics.CANCELS, Topics.QUERIES_DEAD_LETTER);
		assertThat(topics).allSatisfy((topic) -> {
			assertThat(topic.numPartitions()).isEqualTo(12);
			assertThat(topic.replicationFactor()).isEqualTo((short) 3);
		});
	}

	@Test
	void topicNames() {
		assertThat(Topics.QUERIES).isEqualTo("sluice.queries");
		assertThat(Topics.RESULTS).isEqualTo("sluice.results");
		assertThat(Topics.CANCELS).isEqualTo("sluice.cancels");
		assertThat(Topics.QUERIES_DEAD_LETTER).isEqualTo("sluice.queries.dlt");
		assertThat(Topics.WORKER_GROUP).isEqualTo("sluice-workers");
	}

	@Test
	void results_keptForTheRetention_andHoldLargeRecords() {
		NewTopic results = topic(new TopicLayout(12, (short) 1, Duration.ofMinutes(15)), Topics.RESULTS);

		assertThat(results.configs()).containsOnly(entry("retention.ms", "900000"),
				entry("max.message.bytes", Integer.toString(16 * 1024 * 1024)));
	}

	@Test
	void cancels_keptAsLongAsResults() {
		NewTopic cancels = topic(new TopicLayout(12, (short) 1, Duration.ofMinutes(2)), Topics.CANCELS);

		assertThat(cancels.configs()).containsEntry("retention.ms", "120000");
	}

	@Test
	void queries_notLimitedByResultsRetention() {
		TopicLayout layout = new TopicLayout(12, (short) 1, Duration.ofMinutes(15));

		assertThat(topic(layout, Topics.QUERIES).configs()).doesNotContainKey("retention.ms")
			.containsEntry("max.message.bytes", Integer.toString(TopicLayout.MAX_MESSAGE_BYTES));
		assertThat(topic(layout, Topics.QUERIES_DEAD_LETTER).configs()).doesNotContainKey("retention.ms")
			.containsEntry("max.message.bytes", Integer.toString(TopicLayout.MAX_MESSAGE_BYTES));
	}

	@Test
	void replicatedThreeTimes_acknowledgedOnlyOnceOnTwoBrokers() {
		TopicLayout layout = new TopicLayout(12, (short) 3, Duration.ofMinutes(15));

		assertThat(layout.minInsyncReplicas()).isEqualTo(2);
		assertThat(layout.topics())
			.allSatisfy((topic) -> assertThat(topic.configs()).containsEntry("min.insync.replicas", "2"));
	}

	@Test
	void replicatedOnceOrTwice_keepKafkasDefaultMinInsyncReplicas() {
		for (short factor : new short[] { 1, 2 }) {
			TopicLayout layout = new TopicLayout(12, factor, Duration.ofMinutes(15));

			assertThat(layout.minInsyncReplicas()).isEqualTo(1);
			assertThat(layout.topics())
				.allSatisfy((topic) -> assertThat(topic.configs()).doesNotContainKey("min.insync.replicas"));
		}
	}

	private static NewTopic topic(TopicLayout layout, String name) {
		return layout.topics().stream().filter((topic) -> topic.name().equals(name)).findFirst().orElseThrow();
	}

}
