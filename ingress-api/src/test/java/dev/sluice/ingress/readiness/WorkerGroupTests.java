package dev.sluice.ingress.readiness;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerGroupTests {

	@Test
	void countsEachPartitionOfTheQueriesTopicOnceAcrossMembers() {
		ConsumerGroupDescription group = group(GroupState.STABLE, member("a-0", 0, 1), member("b-0", 2),
				member("c-0", 2, 7));

		WorkerGroup seen = WorkerGroup.of(group, 3);

		assertThat(seen).isEqualTo(new WorkerGroup(GroupState.STABLE, 3, 3, 3, 3));
		assertThat(seen.runsQueries()).isTrue();
	}

	@Test
	void partitionsOfOtherTopicsDoNotCount() {
		MemberDescription cancels = new MemberDescription("m-x", Optional.empty(), "x-0", "/127.0.0.1",
				new MemberAssignment(Set.of(new TopicPartition("sluice.cancels", 1))));
		ConsumerGroupDescription group = group(GroupState.STABLE, member("a-0", 0), cancels);

		WorkerGroup seen = WorkerGroup.of(group, 2);

		assertThat(seen).isEqualTo(new WorkerGroup(GroupState.STABLE, 2, 1, 2, 1));
		assertThat(seen.runsQueries()).isFalse();
	}

	@Test
	void memberWithoutPartitionsHoldsNothing() {
		WorkerGroup seen = WorkerGroup.of(group(GroupState.RECONCILING, member("a-0"), member("b-0", 0)), 1);

		assertThat(seen).isEqualTo(new WorkerGroup(GroupState.RECONCILING, 2, 1, 1, 1));
		assertThat(seen.runsQueries()).isFalse();
	}

	@Test
	void consumersOfOneWorkerProcessCountAsOneWorker() {
		ConsumerGroupDescription group = group(GroupState.STABLE, member("sluice-worker_host_42-0", 0),
				member("sluice-worker_host_42-1", 1), member("sluice-worker_host_43-0", 2));

		assertThat(WorkerGroup.of(group, 3)).isEqualTo(new WorkerGroup(GroupState.STABLE, 3, 2, 3, 3));
	}

	private static ConsumerGroupDescription group(GroupState state, MemberDescription... members) {
		return new ConsumerGroupDescription("sluice-workers", false, List.of(members), "uniform", GroupType.CONSUMER,
				state, null, Set.of(), Optional.empty(), Optional.empty());
	}

	private static MemberDescription member(String clientId, int... partitions) {
		Set<TopicPartition> assigned = new HashSet<>();
		for (int partition : partitions) {
			assigned.add(new TopicPartition("sluice.queries", partition));
		}
		return new MemberDescription("m-" + clientId, Optional.empty(), clientId, "/127.0.0.1",
				new MemberAssignment(assigned));
	}

}
