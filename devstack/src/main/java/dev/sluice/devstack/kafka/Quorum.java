package dev.sluice.devstack.kafka;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.Uuid;

/**
 * What every node of one KRaft cluster shares: the cluster id its storage is formatted
 * with, the controller voters, and how many nodes there are, which sets the replication
 * of Kafka's own topics and how quickly a lost node is noticed.
 *
 * @param clusterId the id every node's storage is formatted with
 * @param voters {@code controller.quorum.voters}: {@code id@host:port} of every node
 * @param nodes how many nodes
 */
record Quorum(String clusterId, String voters, int nodes) {

	/**
	 * How often a broker tells the active controller that it lives, and how long the
	 * controller waits without a word before it fences the broker and moves its partition
	 * leaderships and in-sync replica places to the others: the length of a leader
	 * election after a crash. Kafka's defaults (2 s, 9 s) would hold submissions longer
	 * than the ingress's acknowledgement deadline; on a busy machine a heartbeat can be
	 * late by a second, so the session stays four heartbeats long.
	 */
	static final int HEARTBEAT_MS = 1000;

	static final int SESSION_TIMEOUT_MS = 4000;

	/**
	 * @param controllerPort the one node's controller port
	 * @return the quorum of a single-node cluster with a fresh cluster id
	 */
	static Quorum single(int controllerPort) {
		return of(List.of(controllerPort));
	}

	/**
	 * @param controllerPorts the controller port of node {@code i + 1} at index {@code i}
	 * @return the quorum of those nodes with a fresh cluster id
	 */
	static Quorum of(List<Integer> controllerPorts) {
		String voters = IntStream.range(0, controllerPorts.size())
			.mapToObj((i) -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
			.collect(Collectors.joining(","));
		return new Quorum(Uuid.randomUuid().toString(), voters, controllerPorts.size());
	}

	/** Replicas of Kafka's own topics (consumer offsets, transactions): up to three. */
	int internalReplicationFactor() {
		return Math.min(3, this.nodes);
	}

	/** Two of three, so that Kafka's own topics stay writable with one node lost. */
	int internalMinInsyncReplicas() {
		return (internalReplicationFactor() >= 3) ? 2 : 1;
	}

	/**
	 * @return broker properties for a multi-node cluster (see {@link #HEARTBEAT_MS}),
	 * nothing for a single node
	 */
	String failureDetection() {
		if (this.nodes == 1) {
			return "";
		}
		return "broker.heartbeat.interval.ms=" + HEARTBEAT_MS + "\nbroker.session.timeout.ms=" + SESSION_TIMEOUT_MS
				+ "\n";
	}

}
