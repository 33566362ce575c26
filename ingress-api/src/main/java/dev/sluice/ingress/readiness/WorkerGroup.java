package dev.sluice.ingress.readiness;

import dev.sluice.contract.Topics;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * One look at the worker group ({@link Topics#WORKER_GROUP}) from outside.
 *
 * @param state the group's state as its coordinator reports it, for the classic and the
 * {@code consumer} (KIP-848) protocol alike; {@link GroupState#DEAD} when the group does
 * not exist
 * @param members consumers in the group
 * @param partitions partitions of {@link Topics#QUERIES}
 * @param assigned how many of them a member holds
 */
record WorkerGroup(GroupState state, int members, int partitions, int assigned) {

	/**
	 * The group as seen before any worker ever joined it.
	 * @param partitions partitions of {@link Topics#QUERIES}
	 * @return a group without members
	 */
	static WorkerGroup absent(int partitions) {
		return new WorkerGroup(GroupState.DEAD, 0, partitions, 0);
	}

	/**
	 * The group as the admin client describes it.
	 * @param group the description of {@link Topics#WORKER_GROUP}
	 * @param partitions partitions of {@link Topics#QUERIES}
	 * @return what matters of it for readiness
	 */
	static WorkerGroup of(ConsumerGroupDescription group, int partitions) {
		long assigned = group.members()
			.stream()
			.flatMap((member) -> member.assignment().topicPartitions().stream())
			.filter((partition) -> partition.topic().equals(Topics.QUERIES) && partition.partition() < partitions)
			.mapToInt(TopicPartition::partition)
			.distinct()
			.count();
		return new WorkerGroup(group.groupState(), group.members().size(), partitions, (int) assigned);
	}

	/**
	 * Whether a query produced now would be consumed at once: the group has settled (no
	 * rebalance or reconciliation under way) and no partition is without a member.
	 * @return {@code true} if every partition is held in a stable group
	 */
	boolean runsQueries() {
		return this.state == GroupState.STABLE && this.partitions > 0 && this.assigned == this.partitions;
	}

}
