package dev.sluice.devstack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A real Apache Kafka cluster in KRaft mode on this machine: every node a combined broker
 * and controller in a child JVM of its own, with its own directory, all of them voters of
 * the controller quorum. Nodes are numbered from 1; each keeps its data when killed and
 * started again, and then rejoins.
 *
 * <pre>{@code
 * try (KafkaCluster cluster = KafkaCluster.temporary(3).start()) {
 *     String bootstrap = cluster.bootstrapServers();   // all three nodes
 *     int leader = cluster.leaderOfMostPartitions("sluice.queries");
 *     cluster.kill(leader);                           // kill -9: its partitions elect new leaders
 *     cluster.start(leader);                          // same data, same ports: it rejoins
 * }
 * }</pre>
 *
 * A lost node is fenced, and its leaderships moved, after
 * {@value Quorum#SESSION_TIMEOUT_MS} ms without a heartbeat. An even number of nodes is
 * refused: a quorum of 2 or 4 survives no more lost nodes than one of 1 or 3.
 */
public final class KafkaCluster implements AutoCloseable {

	private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * How long a node may take to answer: three JVMs starting at once on two busy cores
	 * take minutes.
	 */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private final List<KafkaBroker> nodes;

	private KafkaCluster(List<KafkaBroker> nodes) {
		this.nodes = List.copyOf(nodes);
	}

	/**
	 * A cluster keeping node {@code n} under {@code directory/node-n}, its client port
	 * {@code firstPort + 2(n - 1)} and its controller port the next one.
	 * @param directory where the nodes' directories live; created if absent
	 * @param firstPort the client port of node 1
	 * @param size how many nodes: 1, 3, 5, ...
	 * @return the cluster, not yet started
	 */
	public static KafkaCluster inDirectory(Path directory, int firstPort, int size) {
		requireOdd(size);
		List<Integer> clientPorts = new ArrayList<>();
		List<Integer> controllerPorts = new ArrayList<>();
		for (int n = 0; n < size; n++) {
			clientPorts.add(firstPort + 2 * n);
			controllerPorts.add(firstPort + 2 * n + 1);
		}
		return new KafkaCluster(nodes(directory, clientPorts, controllerPorts));
	}

	/**
	 * A throw-away cluster on free ports in a temporary directory, for tests.
	 * @param size how many nodes: 1, 3, 5, ...
	 * @return the cluster, not yet started
	 */
	public static KafkaCluster temporary(int size) {
		requireOdd(size);
		try {
			Path directory = Files.createTempDirectory("sluice-kafka-cluster-");
			List<Integer> clientPorts = new ArrayList<>();
			List<Integer> controllerPorts = new ArrayList<>();
			for (int n = 0; n < size; n++) {
				clientPorts.add(KafkaBroker.freePort());
				controllerPorts.add(KafkaBroker.freePort());
			}
			return new KafkaCluster(nodes(directory, clientPorts, controllerPorts));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a temporary directory for the Kafka cluster", ex);
		}
	}

	private static List<KafkaBroker> nodes(Path directory, List<Integer> clientPorts, List<Integer> controllerPorts) {
		Quorum quorum = Quorum.of(controllerPorts);
		List<KafkaBroker> nodes = new ArrayList<>();
		for (int n = 1; n <= clientPorts.size(); n++) {
			nodes.add(new KafkaBroker(directory.resolve("node-" + n), n, clientPorts.get(n - 1),
					controllerPorts.get(n - 1), quorum));
		}
		return nodes;
	}

	private static void requireOdd(int size) {
		if (size < 1 || size % 2 == 0) {
			throw new IllegalArgumentException("A KRaft cluster here has an odd number of nodes (1, 3, 5), not " + size
					+ ": its controllers need a majority, and 2 or 4 nodes survive no more lost nodes than 1 or 3");
		}
	}

	/**
	 * Start every node that is not running and wait until each answers; a node of a
	 * larger cluster answers once a majority of the controllers runs, so all are launched
	 * first.
	 * @return this cluster
	 * @throws IllegalStateException if a port is taken or a node does not come up within
	 * 3 minutes; the message quotes the end of its log
	 */
	public KafkaCluster start() {
		try {
			// Formatting takes a JVM start per node: side by side, not one after another.
			try (ExecutorService launcher = Executors.newVirtualThreadPerTaskExecutor()) {
				List<Future<?>> launched = this.nodes.stream()
					.<Future<?>>map((node) -> launcher.submit(node::launch))
					.toList();
				for (Future<?> node : launched) {
					join(node);
				}
			}
			this.nodes.forEach((node) -> node.awaitReady(START_TIMEOUT));
			return this;
		}
		catch (RuntimeException ex) {
			this.nodes.forEach(KafkaBroker::kill);
			throw ex;
		}
	}

	/**
	 * Start one node again, with the data it had, and wait until it answers.
	 * @param nodeId from 1
	 * @return this cluster
	 */
	public KafkaCluster start(int nodeId) {
		KafkaBroker node = node(nodeId);
		if (!node.isRunning()) {
			node.launch();
			node.awaitReady(START_TIMEOUT);
		}
		return this;
	}

	/**
	 * Kill one node at once (SIGKILL), as a crash would.
	 * @param nodeId from 1
	 */
	public void kill(int nodeId) {
		node(nodeId).kill();
	}

	/**
	 * @return {@code host:port} of every node, comma-separated, as clients take it
	 */
	public String bootstrapServers() {
		return this.nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
	}

	public int size() {
		return this.nodes.size();
	}

	/**
	 * @param nodeId from 1
	 * @return whether that node's process runs
	 */
	public boolean isRunning(int nodeId) {
		return node(nodeId).isRunning();
	}

	/**
	 * @param nodeId from 1
	 * @return that node's directory, where its {@code broker.log} is
	 */
	public Path directory(int nodeId) {
		return node(nodeId).directory();
	}

	/**
	 * @param nodeId from 1
	 * @param lines how many
	 * @return the last lines of that node's log, for error messages
	 */
	public String logTail(int nodeId, int lines) {
		return node(nodeId).logTail(lines);
	}

	/**
	 * The node that leads the most partitions of a topic: the one whose loss moves the
	 * most leaderships.
	 * @param topic an existing topic
	 * @return its id
	 * @throws IllegalStateException if the topic cannot be described within 10 s
	 */
	public int leaderOfMostPartitions(String topic) {
		TopicDescription description = describe(topic);
		Map<Integer, Long> led = description.partitions()
			.stream()
			.map(TopicPartitionInfo::leader)
			.filter((leader) -> leader != null && !leader.isEmpty())
			.collect(Collectors.groupingBy(Node::id, Collectors.counting()));
		return led.entrySet()
			.stream()
			.max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
			.map(Map.Entry::getKey)
			.orElseThrow(() -> new IllegalStateException("No partition of " + topic + " has a leader"));
	}

	/**
	 * Stop every node cleanly (SIGTERM), all at once: one after another, the last would
	 * wait for a controller quorum that is already gone.
	 */
	@Override
	public void close() {
		try (ExecutorService stopper = Executors.newVirtualThreadPerTaskExecutor()) {
			this.nodes.forEach((node) -> stopper.submit(node::stop));
		}
	}

	private TopicDescription describe(String topic) {
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis(),
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
		try (Admin admin = Admin.create(config)) {
			return admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.get(topic);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while describing " + topic, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot describe topic " + topic + " on " + bootstrapServers() + " within "
					+ ADMIN_TIMEOUT.toSeconds() + " s: " + ex, ex);
		}
	}

	private static void join(Future<?> launch) {
		try {
			launch.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting the Kafka cluster", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
	}

	private KafkaBroker node(int nodeId) {
		if (nodeId < 1 || nodeId > this.nodes.size()) {
			throw new IllegalArgumentException(
					"Node ids of this cluster run from 1 to " + this.nodes.size() + ", not " + nodeId);
		}
		return this.nodes.get(nodeId - 1);
	}

}
