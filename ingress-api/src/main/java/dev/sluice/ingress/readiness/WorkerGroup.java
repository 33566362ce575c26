package dev.sluice.ingress.readiness;

import java.util.regex.Pattern;

import dev.sluice.contract.Topics;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * One look at the worker group ({@link Topics#WORKER_GROUP}) from outside.
 *
 * @param state the group's state as its coordinator reports it, for the classic and the
 * {@code consumer} (KIP-848) protocol alike; {@link GroupState#DEAD} when the group does
 * not exist
 * @param members consumers in the group
 * @param consumingWorkers worker processes with a consumer that holds partitions of
 * {@link Topics#QUERIES}
 * @param partitions partitions of {@link Topics#QUERIES}
 * @param assigned how many of them a member holds
 */
record WorkerGroup(GroupState state, int members, int consumingWorkers, int partitions, int assigned) {

	/**
	 * The suffix a listener container adds to the worker's client id for each of its
	 * consumers: the consumers of one process count as one worker.
	 */
	private static final Pattern CONSUMER_SUFFIX = Pattern.compile("-\\d+$");

	/**
	 * The group as seen before any worker ever joined it.
	 * @param partitions partitions of {@link Topics#QUERIES}
	 * @return a group without members
	 */
	static WorkerGroup absent(int partitions) {
		return new WorkerGroup(GroupState.DEAD, 0, 0, partitions, 0);
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
			.filter((partition) -> isQueries(partition, partitions))
			.mapToInt(TopicPartition::partition)
			.distinct()
			.count();
		long workers = group.members()
			.stream()
			.filter((
					member) -> member.assignment().topicPartitions().stream().anyMatch((p) -> isQueries(p, partitions)))
			.map(MemberDescription::clientId)
			.map((clientId) -> CONSUMER_SUFFIX.matcher(clientId).replaceFirst(""))
			.distinct()
			.count();
		return new WorkerGroup(group.groupState(), group.members().size(), (int) workers, partitions, (int) assigned);
	}

	private static boolean isQueries(TopicPartition partition, int partitions) {
		return partition.topic().equals(Topics.QUERIES) && partition.partition() < partitions;
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
