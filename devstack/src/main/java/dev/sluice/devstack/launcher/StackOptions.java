package dev.sluice.devstack.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sluice.devstack.postgres.DemoDatabase;

/**
 * The command line of {@code ./sluice}: a command and its flags, checked.
 *
 * @param command {@code up}, {@code demo-db} or {@code help}
 * @param workers how many worker processes {@code up} starts
 * @param port the ingress HTTP port
 * @param brokers how many Kafka nodes (combined broker and controller): 1 or 3
 * @param kafkaPort the first node's client port; its controller listens on the next one,
 * and node {@code n} on {@code kafkaPort + 2(n - 1)} and the port after
 * @param workerBasePort the first worker's HTTP port; worker {@code n} gets
 * {@code workerBasePort + n - 1}
 * @param scale the demo data volume (1 = 1,000,000 orders)
 * @param database the demo database name
 * @param home the repository root, where the jars are built
 * @param dataDir where the broker keeps its data between runs
 * @param catalog the catalog location handed to both apps
 * @param status whether {@code up} prints a live status line every second
 * @param build whether {@code ./sluice} may build missing jars (read by the script)
 */
record StackOptions(String command, int workers, int brokers, int port, int kafkaPort, int workerBasePort, double scale,
		String database, Path home, Path dataDir, String catalog, boolean status, boolean build) {

	static final String USAGE = """
			Usage: ./sluice up [options]       start Kafka, the demo database, one ingress and N workers
			       ./sluice demo-db [options]  (re)load the demo data only
			       ./sluice test [maven args]  run the test suite (./mvnw verify on a JDK 21+)
			       ./sluice help

			Options:
			  --workers N            worker processes (default 2)
			  --brokers N            Kafka nodes: 1, or 3 for a replicated cluster (default 1)
			  --port P               ingress HTTP port (default 8080)
			  --worker-base-port P   first worker's HTTP port, then P+1, ... (default 8081)
			  --kafka-port P         Kafka client port; the controller uses P+1, a 2nd and 3rd node P+2.. (default 9092)
			  --scale S              demo data volume, 1 = 1,000,000 orders (default 1; 0.01 for a quick try)
			  --database NAME        demo database (default sluice_demo)
			  --catalog LOCATION     query catalog file, or classpath:catalog/demo.yml (default $SLUICE_CATALOG or the demo)
			  --data-dir DIR         where the broker keeps its data (default .devstack)
			  --no-status            no live status line
			  --no-build             never build the jars, even when missing or stale

			PostgreSQL: SLUICE_PG_HOST, SLUICE_PG_PORT, SLUICE_PG_USER, SLUICE_PG_PASSWORD (default postgres@127.0.0.1:5432).
			Extra JVM options for ingress and workers: SLUICE_JAVA_OPTS. Other variables (e.g. SLUICE_WORKER_POOL_SIZE)
			are passed on to the apps as they are.
			""";

	/**
	 * Parse a command line.
	 * @param args the arguments after {@code ./sluice}
	 * @param home the repository root
	 * @param env the environment, for {@code SLUICE_CATALOG}
	 * @return the options
	 * @throws IllegalArgumentException naming the flag at fault
	 */
	static StackOptions parse(List<String> args, Path home, Map<String, String> env) {
		List<String> rest = new ArrayList<>(args);
		String command = rest.isEmpty() ? "help" : rest.remove(0);
		if (!List.of("up", "demo-db", "help", "--help", "-h").contains(command)) {
			throw new IllegalArgumentException("Unknown command '" + command + "'");
		}
		int workers = 2;
		int brokers = 1;
		int port = 8080;
		int kafkaPort = 9092;
		int workerBasePort = 8081;
		double scale = 1;
		String database = DemoDatabase.DEFAULT_NAME;
		Path dataDir = home.resolve(".devstack");
		String catalog = env.getOrDefault("SLUICE_CATALOG", "classpath:catalog/demo.yml");
		boolean status = true;
		boolean build = true;
		for (int i = 0; i < rest.size(); i++) {
			String flag = rest.get(i);
			switch (flag) {
				case "--no-status" -> status = false;
				case "--no-build" -> build = false;
				case "--workers" -> workers = integer(flag, value(rest, ++i, flag), 1, 64);
				case "--brokers" -> brokers = brokers(value(rest, ++i, flag));
				case "--port" -> port = integer(flag, value(rest, ++i, flag), 1, 65535);
				case "--kafka-port" -> kafkaPort = integer(flag, value(rest, ++i, flag), 1, 65534);
				case "--worker-base-port" -> workerBasePort = integer(flag, value(rest, ++i, flag), 1, 65535);
				case "--scale" -> scale = scale(value(rest, ++i, flag));
				case "--database" -> database = identifier(flag, value(rest, ++i, flag));
				case "--catalog" -> catalog = value(rest, ++i, flag);
				case "--data-dir" -> dataDir = home.resolve(value(rest, ++i, flag));
				default -> throw new IllegalArgumentException("Unknown option '" + flag + "'");
			}
		}
		StackOptions options = new StackOptions(command.startsWith("-") ? "help" : command, workers, brokers, port,
				kafkaPort, workerBasePort, scale, database, home, dataDir, catalog, status, build);
		options.requireDistinctPorts();
		return options;
	}

	int workerPort(int worker) {
		return this.workerBasePort + worker - 1;
	}

	/**
	 * @param node from 1
	 * @return that Kafka node's client port; its controller port is the next one
	 */
	int kafkaPort(int node) {
		return this.kafkaPort + 2 * (node - 1);
	}

	/**
	 * @return {@code host:port} of every Kafka node, comma-separated
	 */
	String kafkaBootstrapServers() {
		List<String> servers = new ArrayList<>();
		for (int node = 1; node <= this.brokers; node++) {
			servers.add("127.0.0.1:" + kafkaPort(node));
		}
		return String.join(",", servers);
	}

	/**
	 * Every port {@code up} listens on, with what it is for and the flag that moves it.
	 * @return the ports in start order
	 */
	List<PortUse> ports() {
		List<PortUse> ports = new ArrayList<>();
		if (kafkaPort(this.brokers) + 1 > 65535) {
			throw new IllegalArgumentException("--kafka-port " + this.kafkaPort + " leaves no room for " + this.brokers
					+ " Kafka nodes below port 65536");
		}
		for (int node = 1; node <= this.brokers; node++) {
			String name = (this.brokers == 1) ? "Kafka" : "Kafka node " + node;
			ports.add(new PortUse(kafkaPort(node), name + " client", "--kafka-port"));
			ports.add(new PortUse(kafkaPort(node) + 1, name + " controller, its client port + 1", "--kafka-port"));
		}
		ports.add(new PortUse(this.port, "ingress HTTP", "--port"));
		if (this.workerBasePort + this.workers - 1 > 65535) {
			throw new IllegalArgumentException("--worker-base-port " + this.workerBasePort + " leaves no room for "
					+ this.workers + " workers below port 65536");
		}
		for (int worker = 1; worker <= this.workers; worker++) {
			ports.add(new PortUse(workerPort(worker), "worker-" + worker + " HTTP", "--worker-base-port"));
		}
		return ports;
	}

	private void requireDistinctPorts() {
		List<PortUse> ports = ports();
		for (int i = 0; i < ports.size(); i++) {
			for (int j = i + 1; j < ports.size(); j++) {
				if (ports.get(i).port() == ports.get(j).port()) {
					throw new IllegalArgumentException("Port " + ports.get(i).port() + " would serve both "
							+ ports.get(i).what() + " and " + ports.get(j).what() + "; change " + ports.get(j).flag()
							+ " or " + ports.get(i).flag());
				}
			}
		}
	}

	private static String value(List<String> args, int index, String flag) {
		if (index >= args.size() || args.get(index).startsWith("--")) {
			throw new IllegalArgumentException("Option " + flag + " needs a value");
		}
		return args.get(index);
	}

	private static int integer(String flag, String value, int min, int max) {
		try {
			int number = Integer.parseInt(value);
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below with the accepted range.
		}
		throw new IllegalArgumentException(
				"Option " + flag + " takes a whole number from " + min + " to " + max + ", not '" + value + "'");
	}

	private static int brokers(String value) {
		if (value.equals("1") || value.equals("3")) {
			return Integer.parseInt(value);
		}
		throw new IllegalArgumentException("Option --brokers takes 1 or 3, not '" + value + "': every node is also "
				+ "a controller, and the controllers need a majority, so 2 nodes survive no more failures than 1; "
				+ "3 survive one lost node (and 5 would not leave this machine room for the rest)");
	}

	private static double scale(String value) {
		try {
			double scale = Double.parseDouble(value);
			DemoDatabase.requireScale(scale);
			return scale;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Option --scale takes a number such as 1 or 0.01, not '" + value + "'");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Option --scale: " + ex.getMessage());
		}
	}

	private static String identifier(String flag, String value) {
		if (!value.matches("[a-z_][a-z0-9_]{0,62}")) {
			throw new IllegalArgumentException("Option " + flag
					+ " takes a lowercase PostgreSQL name (letters, digits, underscores), not '" + value + "'");
		}
		return value;
	}

	/**
	 * A port the stack listens on.
	 *
	 * @param port the port on 127.0.0.1
	 * @param what what listens there
	 * @param flag the option that changes it
	 */
	record PortUse(int port, String what, String flag) {
	}

}
