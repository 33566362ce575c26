package dev.sluice.devstack.kafka;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KafkaClusterTests {

	@Test
	void size_even() {
		assertThatIllegalArgumentException().isThrownBy(() -> KafkaCluster.inDirectory(Path.of("/tmp/k"), 9092, 2))
			.withMessageContaining("not 2")
			.withMessageContaining("majority");
	}

	@Test
	void size_zero() {
		assertThatIllegalArgumentException().isThrownBy(() -> KafkaCluster.inDirectory(Path.of("/tmp/k"), 9092, 0))
			.withMessageContaining("not 0");
	}

	@Test
	void nodesTakeTwoPortsEachFromTheFirst() {
		KafkaCluster cluster = KafkaCluster.inDirectory(Path.of("/tmp/k"), 9092, 3);
		assertThat(cluster.bootstrapServers()).isEqualTo("127.0.0.1:9092,127.0.0.1:9094,127.0.0.1:9096");
		assertThat(cluster.directory(2)).isEqualTo(Path.of("/tmp/k/node-2"));
	}

	@Test
	void quorumNamesEveryControllerAndReplicatesKafkasOwnTopicsThreeTimes() {
		Quorum quorum = Quorum.of(java.util.List.of(9093, 9095, 9097));
		assertThat(quorum.voters()).isEqualTo("1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097");
		assertThat(quorum.internalReplicationFactor()).isEqualTo(3);
		assertThat(quorum.internalMinInsyncReplicas()).isEqualTo(2);
		assertThat(Quorum.single(9093).internalReplicationFactor()).isEqualTo(1);
		assertThat(Quorum.single(9093).failureDetection()).isEmpty();
	}

}
