package dev.sluice.devstack.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jspecify.annotations.Nullable;

/**
 * A real Apache Kafka node in KRaft mode (combined broker and controller), run in a child
 * JVM from the Kafka jars of Maven Central, formatted and started the way the Kafka
 * distribution's {@code kafka-storage.sh format} and {@code kafka-server-start.sh} do it.
 * Its data survives a {@link #stop()} and {@link #start()} in the same directory. Made
 * here it is a single-node cluster; {@link KafkaCluster} makes the nodes of a larger one.
 *
 * <pre>{@code
 * try (KafkaBroker broker = KafkaBroker.inDirectory(dir, 9092).start()) {
 *     String bootstrap = broker.bootstrapServers(); // 127.0.0.1:9092
 *     broker.kill();                                // kill -9, for failure tests
 *     broker.start();                               // same data, same port
 * }
 * }</pre>
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final Path directory;

	private final int nodeId;

	private final int port;

	private final int controllerPort;

	private final Quorum quorum;

	private volatile @Nullable Process process;

	private boolean reaperInstalled;

	KafkaBroker(Path directory, int nodeId, int port, int controllerPort, Quorum quorum) {
		this.directory = directory;
		this.nodeId = nodeId;
		this.port = port;
		this.controllerPort = controllerPort;
		this.quorum = quorum;
	}

	/**
	 * A broker keeping its configuration, data and log under {@code directory}, listening
	 * on {@code port} and, for its controller, on {@code port + 1}.
	 * @param directory where config, data and {@code broker.log} live; created if absent
	 * @param port the client port on 127.0.0.1
	 * @return the broker, not yet started
	 */
	public static KafkaBroker inDirectory(Path directory, int port) {
		return new KafkaBroker(directory, 1, port, port + 1, Quorum.single(port + 1));
	}

	/**
	 * A throw-away broker on free ports in a temporary directory, for tests.
	 * @return the broker, not yet started
	 */
	public static KafkaBroker temporary() {
		try {
			Path directory = Files.createTempDirectory("sluice-kafka-");
			int controllerPort = freePort();
			return new KafkaBroker(directory, 1, freePort(), controllerPort, Quorum.single(controllerPort));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a temporary directory for the Kafka broker", ex);
		}
	}

	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	public Path directory() {
		return this.directory;
	}

	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	int nodeId() {
		return this.nodeId;
	}

	int controllerPort() {
		return this.controllerPort;
	}

	/**
	 * Format the storage on first use, start the broker and wait until it answers.
	 * @return this broker
	 * @throws IllegalStateException if a port is taken or the broker does not come up
	 * within 90 seconds; the message quotes the end of its log
	 */
	public KafkaBroker start() {
		if (isRunning()) {
			return this;
		}
		launch();
		awaitReady(START_TIMEOUT);
		return this;
	}

	/**
	 * Format the storage on first use and start the process, without waiting: a node of a
	 * larger cluster answers only once a majority of the controllers runs.
	 */
	void launch() {
		if (isRunning()) {
			return;
		}
		requireFree(this.port, "Kafka client");
		requireFree(this.controllerPort, "Kafka controller");
		try {
			Files.createDirectories(this.directory);
			Path config = writeConfig();
			if (!Files.exists(this.directory.resolve("data").resolve("meta.properties"))) {
				format(config);
			}
			this.process = java("kafka.Kafka", config.toString()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
				.start();
			if (!this.reaperInstalled) {
				Runtime.getRuntime().addShutdownHook(new Thread(this::destroyQuietly, "kafka-broker-reaper"));
				this.reaperInstalled = true;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start the Kafka broker in " + this.directory, ex);
		}
	}

	/** Stop the broker cleanly (SIGTERM), waiting up to 30 seconds before killing it. */
	public void stop() {
		if (this.process == null) {
			return;
		}
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	/** Kill the broker at once (SIGKILL), as a crash would. */
	public void kill() {
		if (this.process == null) {
			return;
		}
		try {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * The last lines of the broker's log, for error messages.
	 * @param lines how many
	 * @return the lines, or a note that there is no log yet
	 */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no broker log at " + log() + ")";
		}
	}

	Path log() {
		return this.directory.resolve("broker.log");
	}

	private Path writeConfig() throws IOException {
		Path data = this.directory.resolve("data");
		String config = """
				process.roles=broker,controller
				node.id=%4$d
				controller.quorum.voters=%5$s
				listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=PLAINTEXT
				listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
				log.dirs=%3$s
				num.partitions=12
				auto.create.topics.enable=false
				offsets.topic.replication.factor=%6$d
				offsets.topic.num.partitions=12
				transaction.state.log.replication.factor=%6$d
				transaction.state.log.min.isr=%7$d
				share.coordinator.state.topic.replication.factor=%6$d
				share.coordinator.state.topic.min.isr=%7$d
				group.initial.rebalance.delay.ms=0
				message.max.bytes=16777216
				""".formatted(this.port, this.controllerPort, data.toAbsolutePath(), this.nodeId, this.quorum.voters(),
				this.quorum.internalReplicationFactor(), this.quorum.internalMinInsyncReplicas())
				+ this.quorum.failureDetection();
		Path file = this.directory.resolve("server.properties");
		Files.writeString(file, config);
		Files.writeString(this.directory.resolve("log4j2.properties"), """
				rootLogger.level=WARN
				rootLogger.appenderRef.stdout.ref=STDOUT
				appender.stdout.type=Console
				appender.stdout.name=STDOUT
				appender.stdout.layout.type=PatternLayout
				appender.stdout.layout.pattern=[%d] %p %m (%c)%n
				logger.kafka.name=kafka
				logger.kafka.level=WARN
				logger.server.name=kafka.server.KafkaRaftServer
				logger.server.level=INFO
				logger.network.name=org.apache.kafka.clients.NetworkClient
				logger.network.level=ERROR
				""");
		return file;
	}

	private void format(Path config) throws IOException {
		Process format = java("kafka.tools.StorageTool", "format", "-t", this.quorum.clusterId(), "-c",
				config.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
			.start();
		try {
			if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
				format.destroyForcibly();
				throw new IllegalStateException(
						"Formatting Kafka storage in " + this.directory + " failed:\n" + logTail(20));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while formatting Kafka storage", ex);
		}
	}

	private ProcessBuilder java(String mainClass, String... args) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		if (Runtime.version().feature() >= 24) {
			// kafka-clients frees mapped buffers through sun.misc.Unsafe, which JDK 24
			// and
			// newer warn about on the console; the broker needs it, so allow it quietly.
			command.add("--sun-misc-unsafe-memory-access=allow");
		}
		command.addAll(
				List.of("-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true",
						"-Dlog4j2.configurationFile=" + this.directory.resolve("log4j2.properties").toAbsolutePath(),
						"-cp", brokerClasspath(), mainClass));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).directory(this.directory.toFile());
	}

	/**
	 * Wait until this node answers as a broker.
	 * @param timeout how long that may take
	 * @throws IllegalStateException if it exits first or does not answer in time; the
	 * process is killed then
	 */
	void awaitReady(Duration timeout) {
		Instant deadline = Instant.now().plus(timeout);
		Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000);
		try (Admin admin = Admin.create(config)) {
			while (Instant.now().isBefore(deadline)) {
				Process running = this.process;
				if (running == null || !running.isAlive()) {
					throw new IllegalStateException(
							name() + " exited with code " + ((running != null) ? running.exitValue() : "none")
									+ " while starting; end of " + log() + ":\n" + logTail(30));
				}
				try {
					if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
						return;
					}
				}
				catch (Exception ex) {
					// Not up yet: the broker refuses connections until it has started.
				}
			}
		}
		destroyQuietly();
		throw new IllegalStateException(name() + " did not answer on " + bootstrapServers() + " within "
				+ timeout.toSeconds() + " s; end of " + log() + ":\n" + logTail(30));
	}

	private String name() {
		return (this.quorum.nodes() == 1) ? "The Kafka broker" : "Kafka node " + this.nodeId;
	}

	private void destroyQuietly() {
		Process running = this.process;
		if (running != null && running.isAlive()) {
			running.destroyForcibly();
		}
	}

	private static String brokerClasspath() {
		try (InputStream in = KafkaBroker.class.getResourceAsStream("/sluice-kafka.classpath")) {
			if (in == null) {
				throw new IllegalStateException("sluice-kafka.classpath is missing from devstack's classes: it is "
						+ "written by the build, so run the test or app through Maven's reactor "
						+ "(./mvnw -pl <module> -am verify) or build devstack first (./mvnw -pl devstack -am compile)");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Fail unless nothing listens on {@code port} of 127.0.0.1, e.g. before starting
	 * something that must listen there.
	 * @param port the port
	 * @param what what is meant to listen there, for the message
	 * @throws IllegalStateException naming the port and {@code what} if it is taken
	 */
	public static void requireFree(int port, String what) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Port " + port + " (" + what
					+ ") is already in use on 127.0.0.1; stop what holds it or choose " + "another port");
		}
	}

	/**
	 * A port nothing listens on right now, on 127.0.0.1.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on 127.0.0.1", ex);
		}
	}

}
