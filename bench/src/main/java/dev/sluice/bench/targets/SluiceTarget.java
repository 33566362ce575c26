package dev.sluice.bench.targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sluice.bench.cpu.ProcFs;
import dev.sluice.bench.cpu.Role;
import dev.sluice.bench.cpu.WatchedProcess;
import dev.sluice.bench.load.ClientMode;
import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.devstack.process.Probe;
import dev.sluice.devstack.process.Readiness;
import org.jspecify.annotations.Nullable;

/**
 * Sluice as an operator runs it: a Kafka broker, one ingress and N workers, each app a
 * JVM of its own started from its built jar and configured through the environment.
 */
public final class SluiceTarget implements Target {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(300);

	private final String name;

	private final ClientMode mode;

	private final Duration resultCacheTtl;

	private final KafkaBroker broker;

	private final List<ChildProcess> processes;

	private final int ingressPort;

	private final List<Integer> workerPorts;

	private final int connectionBudget;

	private final List<Path> jars;

	private SluiceTarget(String name, Layout layout, KafkaBroker broker, List<ChildProcess> processes, int ingressPort,
			List<Integer> workerPorts, List<Path> jars) {
		this.name = name;
		this.mode = layout.mode();
		this.resultCacheTtl = resultCacheTtl(layout.catalog());
		this.connectionBudget = layout.workers() * layout.poolSize();
		this.workerPorts = workerPorts;
		this.jars = jars;
		this.broker = broker;
		this.processes = processes;
		this.ingressPort = ingressPort;
	}

	/**
	 * Start broker, workers and ingress, and wait until all report ready.
	 * @param name the target's name in reports, e.g. {@code sluice-nocache}
	 * @param database where the demo data is
	 * @param layout how many workers with how many connections each, the catalog, and how
	 * clients ask for rows
	 * @param logs where the apps' logs go
	 * @return the started target
	 */
	public static SluiceTarget start(String name, Database database, Layout layout, Path logs) {
		return start(name, database, layout, logs, Map.of());
	}

	/**
	 * Start broker, workers and ingress with more settings, and wait until all report
	 * ready.
	 * @param name the target's name in reports
	 * @param database where the demo data is
	 * @param layout workers, connections, catalog and client mode
	 * @param logs where the apps' logs go, with a GC log per app ({@code <app>-gc.log})
	 * @param settings environment variables for every app, e.g.
	 * {@code SLUICE_RESULTS_RETENTION}
	 * @return the started target
	 */
	public static SluiceTarget start(String name, Database database, Layout layout, Path logs,
			Map<String, String> settings) {
		// Run copies: a rebuild of the apps during a run must not pull a jar from under a
		// JVM.
		Path ingressJar = copy(jar("ingress-api", "sluice-ingress-api.jar"), logs);
		Path workerJar = copy(jar("worker", "sluice-worker.jar"), logs);
		KafkaBroker broker = KafkaBroker.temporary().start();
		List<ChildProcess> processes = new ArrayList<>();
		try {
			Map<String, String> common = new HashMap<>(settings);
			common.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
			if (layout.catalog() != null) {
				common.put("SLUICE_CATALOG", layout.catalog().toString());
			}
			for (int i = 1; i <= layout.workers(); i++) {
				Map<String, String> environment = new HashMap<>(common);
				environment.put("SPRING_DATASOURCE_URL", database.jdbcUrl() + "?ApplicationName=sluice-worker-" + i);
				environment.put("SPRING_DATASOURCE_USERNAME", database.user());
				environment.put("SPRING_DATASOURCE_PASSWORD", database.password());
				environment.put("SLUICE_WORKER_POOL_SIZE", Integer.toString(layout.poolSize()));
				// A bench host starved of CPU has kept the broker from answering a
				// worker's
				// start-up check within its default 10 s; the run measures load, not
				// start-up.
				environment.put("SLUICE_WORKER_STARTUP_TIMEOUT", "60s");
				processes.add(startApp("worker-" + i, workerJar, environment, logs));
			}
			Map<String, String> ingressEnvironment = new HashMap<>(common);
			// The load is one caller without a key, as in every earlier run.
			ingressEnvironment.putIfAbsent("SLUICE_SECURITY_MODE", "open");
			ChildProcess ingress = startApp("ingress", ingressJar, ingressEnvironment, logs);
			processes.add(ingress);
			// Started all at once, awaited one by one: the JVMs boot in parallel. Three
			// Spring Boot JVMs and a broker starting together on a busy 2-core host have
			// taken over 2 minutes.
			for (ChildProcess app : processes) {
				Readiness.within(READY_TIMEOUT).await(app, Probe.springBootApp(app.port()));
			}
			List<Integer> workerPorts = processes.stream()
				.filter((app) -> app != ingress)
				.map(ChildProcess::port)
				.toList();
			return new SluiceTarget(name, layout, broker, processes, ingress.port(), workerPorts,
					List.of(ingressJar, workerJar));
		}
		catch (RuntimeException ex) {
			processes.reversed().forEach(ChildProcess::close);
			broker.close();
			ingressJar.toFile().delete();
			workerJar.toFile().delete();
			throw ex;
		}
	}

	/**
	 * @param catalog a catalog file, or {@code null} for the demo catalog
	 * @return its longest cacheTtl: how long a result may be served from the cache
	 */
	static Duration resultCacheTtl(@Nullable Path catalog) {
		return Catalog.load((catalog != null) ? catalog.toString() : Catalog.DEMO).longest(CatalogQuery::cacheTtl);
	}

	private static ChildProcess startApp(String name, Path jar, Map<String, String> environment, Path logs) {
		int port = GatewayTarget.freePort();
		return ChildProcess
			.builder(name,
					ChildProcess.java(GatewayTarget.HEAP, "-Xlog:gc:file=" + gcLog(logs, name) + ":utctime", "-jar",
							jar.toString()))
			.environment(environment)
			.environment(Map.of("SERVER_PORT", Integer.toString(port)))
			.port(port)
			.logTo(logs)
			.start();
	}

	/**
	 * @param logs the directory the target was started with
	 * @param app {@code ingress} or {@code worker-<n>}
	 * @return the app's GC log: one line per collection, with its UTC time
	 */
	public static Path gcLog(Path logs, String app) {
		return logs.resolve(app + "-gc.log").toAbsolutePath();
	}

	private static Path copy(Path jar, Path directory) {
		try {
			Files.createDirectories(directory);
			return Files.copy(jar, directory.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy " + jar + " to " + directory, ex);
		}
	}

	static Path jar(String module, String name) {
		Path repository = Path.of(System.getProperty("sluice.repository", "..")).toAbsolutePath().normalize();
		Path jar = repository.resolve(module).resolve("target").resolve(name);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: the sluice target runs the built apps. Build them with "
					+ "'./mvnw -DskipTests package' (or point -Dsluice.repository at the checkout that has them).");
		}
		return jar;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String baseUrl() {
		return "http://127.0.0.1:" + this.ingressPort;
	}

	@Override
	public ClientMode clientMode() {
		return this.mode;
	}

	@Override
	public Duration resultCacheTtl() {
		return this.resultCacheTtl;
	}

	/**
	 * @return the ingress, each worker, and the broker (found among this JVM's children
	 * by its command line: devstack does not hand out its process)
	 */
	@Override
	public List<WatchedProcess> processes() {
		List<WatchedProcess> watched = new ArrayList<>();
		for (ChildProcess process : this.processes) {
			watched.add(WatchedProcess.single(process.name(),
					process.name().equals("ingress") ? Role.INGRESS : Role.WORKER, process.pid()));
		}
		String directory = this.broker.directory().toString();
		ProcFs.childOfThisJvm((commandLine) -> commandLine.contains("kafka.Kafka") && commandLine.contains(directory))
			.ifPresent((pid) -> watched.add(WatchedProcess.single("kafka broker", Role.BROKER, pid)));
		return watched;
	}

	@Override
	public String queueMetricsUrl() {
		return scrapeOf(baseUrl(), "sluice_queue_depth");
	}

	@Override
	public List<String> executionMetricsUrls() {
		return this.workerPorts.stream()
			.map((port) -> scrapeOf("http://127.0.0.1:" + port, "sluice_db_queries_total", "sluice_db_queries"))
			.toList();
	}

	/**
	 * The Prometheus endpoint of an app, asked for only some metrics. The samplers read
	 * every second; a whole scrape of the registry that often cost the apps 7 to 10 % of
	 * their CPU samples and a third of the ingress's allocations in a profiled storm,
	 * work a Prometheus server scraping every 15 s does not ask of them. A counter is
	 * named with and without {@code _total}, as registries differ in which they match.
	 */
	static String scrapeOf(String appUrl, String... names) {
		return appUrl + "/actuator/prometheus?includedNames=" + String.join(",", names);
	}

	@Override
	public String executionMetric() {
		return "sluice_db_queries_total";
	}

	@Override
	public int connectionBudget() {
		return this.connectionBudget;
	}

	@Override
	public void close() {
		// Ingress first, so no new work arrives while workers drain and leave the group.
		this.processes.reversed().forEach(ChildProcess::close);
		this.broker.close();
		this.jars.forEach((jar) -> jar.toFile().delete());
	}

	/**
	 * How Sluice is deployed for a run.
	 *
	 * @param workers worker processes
	 * @param poolSize connections per worker
	 * @param catalog the catalog file both apps load, or {@code null} for the bundled
	 * demo catalog
	 * @param mode how the load's users ask for rows: {@link ClientMode#WAIT} or
	 * {@link ClientMode#POLL}
	 */
	public record Layout(int workers, int poolSize, @Nullable Path catalog, ClientMode mode) {

		public Layout {
			if (workers < 1 || poolSize < 1) {
				throw new IllegalArgumentException(
						"Sluice needs at least 1 worker with 1 connection, not " + workers + " x " + poolSize);
			}
			if (!mode.asynchronous()) {
				throw new IllegalArgumentException(
						"Sluice answers asynchronously: its client mode is wait or poll, not " + mode.label());
			}
		}

	}

}
