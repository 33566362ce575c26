package dev.sluice.devstack.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sluice.devstack.kafka.KafkaBroker;
import dev.sluice.devstack.postgres.DemoDatabase;
import dev.sluice.devstack.postgres.PostgresServer;
import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.devstack.process.Probe;
import dev.sluice.devstack.process.Readiness;
import org.jspecify.annotations.Nullable;

/**
 * {@code ./sluice up}: a Kafka broker (or a cluster of three), the demo database, one
 * ingress and N workers on this machine, stopped in reverse order (workers, ingress,
 * broker) on Ctrl-C or SIGTERM. Every failure before the stack is up stops whatever
 * already runs and ends the run with a message that says what to do; no child process
 * outlives the launcher.
 */
final class LocalStack {

	/**
	 * Three JVMs and a broker starting at once on two cores can take a minute or more.
	 */
	static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

	/** A rebalance takes seconds; a worker that never gets a partition is stuck. */
	static final Duration WORKERS_TIMEOUT = Duration.ofMinutes(1);

	/** Longer than a worker's own shutdown phase (40 s), so its last batch can finish. */
	static final Duration STOP_GRACE = Duration.ofSeconds(45);

	private final StackOptions options;

	private final Console console;

	private final Map<String, String> environment;

	private final List<ChildProcess> workers = new ArrayList<>();

	private @Nullable ChildProcess ingress;

	private @Nullable DemoKey demoKey;

	private @Nullable LocalKafka kafka;

	LocalStack(StackOptions options, Console console, Map<String, String> environment) {
		this.options = options;
		this.console = console;
		this.environment = environment;
	}

	/**
	 * Run the stack until a stop signal.
	 * @return the exit code: 0 after a requested stop, 1 after a failure
	 */
	int up() {
		long launched = System.nanoTime();
		PidFile pids = new PidFile(this.options.dataDir());
		StopSignals signals = StopSignals.install(this::killEverythingNow);
		try {
			stopLeftovers(pids);
			requirePortsFree();
			Path ingressJar = requireJar("ingress-api/target/sluice-ingress-api.jar");
			Path workerJar = requireJar("worker/target/sluice-worker.jar");
			DemoDatabase demo = prepareDatabase(signals);
			return signals.isRequested() ? stoppedEarly() : run(signals, pids, ingressJar, workerJar, demo, launched);
		}
		catch (StackFailure failure) {
			this.console.say("");
			this.console.say("FAILED: " + failure.getMessage());
			return 1;
		}
	}

	private int run(StopSignals signals, PidFile pids, Path ingressJar, Path workerJar, DemoDatabase demo,
			long launched) {
		List<BrokerLog> logs = List.of();
		try {
			logs = startKafka();
			if (signals.isRequested()) {
				return 0;
			}
			long appsStarted = System.nanoTime();
			startApps(ingressJar, workerJar, demo);
			pids.write(children());
			if (!awaitReady(signals)) {
				return 0;
			}
			long ready = System.nanoTime();
			new Banner(this.options, demo.name(), this.demoKey, Duration.ofNanos(ready - appsStarted),
					Duration.ofNanos(ready - launched))
				.print(this.console);
			return watch(signals);
		}
		finally {
			stopAll();
			// After the stop, so that the brokers' last lines are printed too.
			logs.forEach(BrokerLog::close);
			pids.delete();
		}
	}

	private int stoppedEarly() {
		this.console.say("Stopped before anything was started.");
		return 0;
	}

	private void stopLeftovers(PidFile pids) {
		pids.runningLauncher().ifPresent((launcher) -> {
			throw new StackFailure("another ./sluice up (pid " + launcher.pid() + ") runs with data directory "
					+ this.options.dataDir() + "; stop it first, or give this one another --data-dir and ports");
		});
		for (String process : pids.killLeftovers()) {
			this.console.say("Killed a process left behind by an earlier run that did not stop cleanly: " + process);
		}
	}

	private void requirePortsFree() {
		for (StackOptions.PortUse use : this.options.ports()) {
			try {
				KafkaBroker.requireFree(use.port(), use.what());
			}
			catch (IllegalStateException ex) {
				throw new StackFailure(ex.getMessage() + " with " + use.flag() + " <port> (to see what holds it: "
						+ "ss -ltnp 'sport = :" + use.port() + "')");
			}
		}
	}

	private DemoDatabase prepareDatabase(StopSignals signals) {
		PostgresServer server = PostgresServer.fromEnvironment();
		DemoDatabase demo = DemoDatabase.on(server, this.options.database());
		DriverManager.setLoginTimeout(5);
		try {
			if (demo.isLoaded()) {
				this.console.say("PostgreSQL " + server + ": database " + demo.name() + " has the demo data (about "
						+ demo.estimatedOrders() + " orders; reload with ./sluice demo-db --scale S)");
				return demo;
			}
			this.console.say("PostgreSQL " + server + ": loading the demo data into " + demo.name() + " at scale "
					+ DemoDatabase.formatScale(this.options.scale()) + " (once; about 30 s at scale 1)");
			signals.onStop(demo::cancel);
			Duration took = demo.load(this.options.scale(), (line) -> this.console.say("  " + line));
			this.console.say(String.format(Locale.ROOT, "Loaded %d orders in %.1f s", demo.estimatedOrders(),
					took.toMillis() / 1000.0));
			return demo;
		}
		catch (IllegalStateException ex) {
			if (signals.isRequested()) {
				// Canceled by Ctrl-C: the next run sees an unfinished load and loads
				// again.
				return demo;
			}
			throw new StackFailure(PostgresAdvice.explain(ex, server));
		}
	}

	private Path requireJar(String relative) {
		Path jar = this.options.home().resolve(relative);
		if (!Files.isRegularFile(jar)) {
			throw new StackFailure(jar + " is missing; build it with ./mvnw -q -DskipTests package (./sluice up "
					+ "does that unless given --no-build)");
		}
		return jar;
	}

	private List<BrokerLog> startKafka() {
		this.kafka = LocalKafka.of(this.options);
		List<BrokerLog> logs = this.kafka.logs()
			.stream()
			.map((node) -> new BrokerLog(node.file(), node.name(), this.console).start())
			.toList();
		this.console.say("Starting " + this.kafka.describe());
		try {
			this.kafka.start();
			return logs;
		}
		catch (IllegalStateException ex) {
			logs.forEach(BrokerLog::close);
			throw new StackFailure(ex.getMessage());
		}
	}

	private void startApps(Path ingressJar, Path workerJar, DemoDatabase demo) {
		AppCommands commands = new AppCommands(this.options, this.environment, this.kafka.bootstrapServers());
		this.console.say("Starting the ingress on port " + this.options.port() + " and " + this.options.workers()
				+ " worker(s) on ports " + this.options.workerBasePort() + "-"
				+ this.options.workerPort(this.options.workers()));
		this.demoKey = commands.openIngress() ? null : DemoKey.in(this.options.dataDir());
		this.ingress = commands.startIngress(ingressJar, this.demoKey, this.console);
		for (int n = 1; n <= this.options.workers(); n++) {
			this.workers.add(commands.startWorker(n, workerJar, demo, this.console));
		}
	}

	/**
	 * The ingress is ready only once the workers hold every partition of
	 * {@code sluice.queries}, and the launcher waits until each of them holds some: from
	 * then on a query runs at once, with no rebalance to come.
	 * @return {@code false} if a stop signal ended the wait
	 */
	private boolean awaitReady(StopSignals signals) {
		Map<ChildProcess, Probe> apps = new LinkedHashMap<>();
		apps().forEach((app) -> apps.put(app, Probe.springBootApp(app.port())));
		Probe settled = WorkerGroupReport.settledProbe(this.ingress.port(), this.options.workers());
		try {
			return Readiness.within(READY_TIMEOUT).every(Duration.ofMillis(500)).pausingWith(signals::await).await(apps)
					&& Readiness.within(WORKERS_TIMEOUT)
						.pausingWith(signals::await)
						.watching(apps())
						.await(Map.of(this.ingress, settled));
		}
		catch (IllegalStateException ex) {
			throw new StackFailure(ex.getMessage());
		}
	}

	private int watch(StopSignals signals) {
		StatusLine status = this.options.status() ? new StatusLine(statusPorts()) : null;
		List<ChildProcess> reported = new ArrayList<>();
		long next = System.nanoTime();
		while (!signals.await(Duration.ofNanos(next - System.nanoTime()))) {
			next += Duration.ofSeconds(1).toNanos();
			this.kafka.check(this.console).ifPresent((failure) -> {
				throw new StackFailure(failure);
			});
			if (this.ingress.exitedOnItsOwn()) {
				throw new StackFailure(
						"the ingress exited with code " + this.ingress.exitCode() + ". " + this.ingress.lastLines());
			}
			for (ChildProcess worker : this.workers) {
				if (worker.exitedOnItsOwn() && !reported.contains(worker)) {
					reported.add(worker);
					this.console.say(worker.name() + " exited with code " + worker.exitCode()
							+ "; the other workers take over its partitions. " + worker.lastLines());
				}
			}
			if (status != null) {
				this.console.line("status", status.next());
			}
		}
		return 0;
	}

	private void stopAll() {
		this.console.say("Stopping the stack: workers, then the ingress, then Kafka");
		this.workers.forEach(ChildProcess::requestStop);
		this.workers.forEach(this::awaitStop);
		if (this.ingress != null) {
			this.ingress.requestStop();
			awaitStop(this.ingress);
		}
		if (this.kafka != null) {
			this.kafka.stop();
		}
		// Nothing should be left; if something is (a process an app started itself),
		// it must not outlive the launcher.
		ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
		this.console.say("Stopped.");
	}

	private void awaitStop(ChildProcess app) {
		if (!app.awaitStop(STOP_GRACE)) {
			this.console.say(app.name() + " did not stop within " + STOP_GRACE.toSeconds() + " s; it was killed");
		}
	}

	private void killEverythingNow() {
		this.console.say("Second stop signal: killing every process of the stack now");
		ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
		Runtime.getRuntime().halt(130);
	}

	private List<ChildProcess> apps() {
		List<ChildProcess> apps = new ArrayList<>();
		apps.add(this.ingress);
		apps.addAll(this.workers);
		return apps;
	}

	private List<ProcessHandle> children() {
		return ProcessHandle.current().children().toList();
	}

	private Map<String, Integer> statusPorts() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		apps().forEach((app) -> ports.put(app.name(), app.port()));
		return ports;
	}

}
