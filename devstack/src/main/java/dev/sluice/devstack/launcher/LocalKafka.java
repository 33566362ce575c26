package dev.sluice.devstack.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.kafka.KafkaCluster;
import org.jspecify.annotations.Nullable;

/**
 * The Kafka of {@code ./sluice up}: one broker in {@code <data-dir>/kafka} (as ever), or
 * with {@code --brokers 3} a cluster of three KRaft nodes in
 * {@code <data-dir>/kafka-cluster/node-n}, each of whose logs is followed on the console
 * as {@code kafka-n}. A lost node of three is reported once and the stack goes on; the
 * stack fails once the controllers lose their majority.
 */
final class LocalKafka {

	private final @Nullable KafkaBroker broker;

	private final @Nullable KafkaCluster cluster;

	private final List<Integer> reported = new ArrayList<>();

	private LocalKafka(@Nullable KafkaBroker broker, @Nullable KafkaCluster cluster) {
		this.broker = broker;
		this.cluster = cluster;
	}

	static LocalKafka of(StackOptions options) {
		if (options.brokers() == 1) {
			return new LocalKafka(KafkaBroker.inDirectory(options.dataDir().resolve("kafka"), options.kafkaPort()),
					null);
		}
		return new LocalKafka(null, KafkaCluster.inDirectory(options.dataDir().resolve("kafka-cluster"),
				options.kafkaPort(), options.brokers()));
	}

	/**
	 * @return console name and log file of every node
	 */
	List<NodeLog> logs() {
		if (this.broker != null) {
			return List.of(new NodeLog("kafka", this.broker.directory().resolve("broker.log")));
		}
		List<NodeLog> logs = new ArrayList<>();
		for (int node = 1; node <= this.cluster.size(); node++) {
			logs.add(new NodeLog("kafka-" + node, this.cluster.directory(node).resolve("broker.log")));
		}
		return logs;
	}

	String describe() {
		if (this.broker != null) {
			return "Kafka (KRaft) on " + this.broker.bootstrapServers() + ", data in " + this.broker.directory();
		}
		return "a Kafka cluster of " + this.cluster.size() + " KRaft nodes on " + this.cluster.bootstrapServers()
				+ ", data in " + this.cluster.directory(1).getParent();
	}

	String bootstrapServers() {
		return (this.broker != null) ? this.broker.bootstrapServers() : this.cluster.bootstrapServers();
	}

	void start() {
		if (this.broker != null) {
			this.broker.start();
		}
		else {
			this.cluster.start();
		}
	}

	/**
	 * Check the nodes, once a second.
	 * @param console where a lost node of a cluster is reported, once
	 * @return why the stack cannot go on, if it cannot
	 */
	Optional<String> check(Console console) {
		if (this.broker != null) {
			return this.broker.isRunning() ? Optional.empty()
					: Optional.of("the Kafka broker stopped. End of its log:\n" + this.broker.logTail(30));
		}
		int running = 0;
		for (int node = 1; node <= this.cluster.size(); node++) {
			if (this.cluster.isRunning(node)) {
				running++;
			}
			else if (!this.reported.contains(node)) {
				this.reported.add(node);
				console.say("Kafka node " + node + " stopped; the others take over its partitions. End of its log:\n"
						+ this.cluster.logTail(node, 10));
			}
		}
		if (running <= this.cluster.size() / 2) {
			return Optional.of("only " + running + " of " + this.cluster.size() + " Kafka nodes run: the "
					+ "controllers have lost their majority. End of node 1's log:\n" + this.cluster.logTail(1, 30));
		}
		return Optional.empty();
	}

	void stop() {
		if (this.broker != null) {
			this.broker.stop();
		}
		else {
			this.cluster.close();
		}
	}

	/**
	 * @param name the console name, e.g. {@code kafka-2}
	 * @param file its {@code broker.log}
	 */
	record NodeLog(String name, Path file) {
	}

}
