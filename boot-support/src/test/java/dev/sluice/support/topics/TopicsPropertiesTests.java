package dev.sluice.support.topics;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsPropertiesTests {

	@Test
	void auto_asManyReplicasAsBrokersUpToThree() {
		TopicsProperties auto = new TopicsProperties(12, "auto");

		assertThat(auto.replicationFactorFor(1)).isEqualTo((short) 1);
		assertThat(auto.replicationFactorFor(2)).isEqualTo((short) 2);
		assertThat(auto.replicationFactorFor(3)).isEqualTo((short) 3);
		assertThat(auto.replicationFactorFor(7)).isEqualTo((short) 3);
	}

	@Test
	void number_takenAsItIsWhateverTheCluster() {
		assertThat(new TopicsProperties(12, "1").replicationFactorFor(3)).isEqualTo((short) 1);
		assertThat(new TopicsProperties(12, "5").replicationFactorFor(3)).isEqualTo((short) 5);
	}

	@Test
	void layout_onThreeBrokers_replicatedThreeTimesWithTwoInSync() {
		var layout = new TopicsProperties(6, "auto").layout(new ResultsProperties(Duration.ofMinutes(15)), 3);

		assertThat(layout.partitions()).isEqualTo(6);
		assertThat(layout.replicationFactor()).isEqualTo((short) 3);
		assertThat(layout.minInsyncReplicas()).isEqualTo(2);
	}

}
