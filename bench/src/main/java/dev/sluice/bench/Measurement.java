package dev.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sluice.bench.cpu.CpuMeter;
import dev.sluice.bench.cpu.CpuUsage;
import dev.sluice.bench.cpu.ProcFs;
import dev.sluice.bench.cpu.Role;
import dev.sluice.bench.cpu.WatchedProcess;
import dev.sluice.bench.load.LoadDriver;
import dev.sluice.bench.load.Recorder;
import dev.sluice.bench.load.Scenario;
import dev.sluice.bench.report.TargetRun;
import dev.sluice.bench.sample.Sample;
import dev.sluice.bench.sample.Sampler;
import dev.sluice.bench.targets.Target;
import dev.sluice.devstack.postgres.PostgresServer;

/**
 * The steps every benchmark shares: load one started target while sampling, and where
 * results go.
 */
final class Measurement {

	private Measurement() {
	}

	/**
	 * Warm the target up, then run the scenario against it with the samplers on.
	 * @param target the target
	 * @param driver the load driver
	 * @param scenario the load shape
	 * @param warmUp the unrecorded load before it
	 * @param server the PostgreSQL server
	 * @param database the database the target queries
	 * @param logs where Gatling's output goes
	 * @return what was measured
	 */
	static TargetRun measure(Target target, LoadDriver driver, Scenario scenario, WarmUp warmUp, PostgresServer server,
			String database, Path logs) {
		Recorder recorder = new Recorder();
		List<Sample> samples;
		CpuUsage cpu;
		long[] steady = scenario.steadyPhase();
		// Sampling starts first: the warm-up may fill max_connections (the direct
		// gateway's pool of 100 does), and the sampler needs a connection of its own.
		// Its readings before the measured run are left out.
		try (Sampler sampler = Sampler.start(server, database, target.queueMetricsUrl(), target.executionMetricsUrls(),
				target.executionMetric()); CpuMeter meter = CpuMeter.watching(watched(target, server))) {
			warmUp.apply(target, driver, scenario, logs);
			recorder.onStart((origin) -> meter.measureBetween(origin + TimeUnit.SECONDS.toNanos(steady[0]),
					origin + TimeUnit.SECONDS.toNanos(steady[1])));
			driver.run(target.baseUrl(), target.clientMode(), scenario, recorder, logs.resolve("gatling"));
			samples = sampler.samples(recorder.startNanos());
			cpu = meter.usage(Duration.ofSeconds(10));
		}
		return new TargetRun(target.name(), target.clientMode(), target.connectionBudget(), recorder.seconds(),
				recorder.submitLatency(), recorder.endToEndLatency(), recorder.failedSubmissions(), samples, steady[0],
				steady[1], cpu);
	}

	/**
	 * The processes whose CPU counts: the target's, PostgreSQL's whole tree, and this
	 * JVM, which drives the load.
	 */
	private static List<WatchedProcess> watched(Target target, PostgresServer server) {
		List<WatchedProcess> watched = new ArrayList<>(target.processes());
		try (Connection connection = server.connect("postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("select pg_backend_pid()")) {
			rows.next();
			ProcFs.postmasterOf(rows.getLong(1))
				.ifPresent((pid) -> watched.add(new WatchedProcess("postgresql", Role.DATABASE, pid, true)));
		}
		catch (SQLException ex) {
			// Without it PostgreSQL's CPU reads n/a; the run itself does not need it.
			System.err.println("Cannot find PostgreSQL's processes: " + ex.getMessage());
		}
		watched.add(WatchedProcess.single("load driver (bench JVM)", Role.LOAD_DRIVER, ProcessHandle.current().pid()));
		return watched;
	}

	/**
	 * The id ranges of the demo data actually loaded, whatever scale it was loaded at.
	 */
	static Map<String, Long> sizes(PostgresServer server, String database) {
		try (Connection connection = server.connect(database);
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("select (select max(id) from customers), (select max(id) from orders)")) {
			rows.next();
			return Map.of("customers", rows.getLong(1), "orders", rows.getLong(2));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the demo data's size in " + database + ": " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * {@code <results>/<name>-<date>}, with a suffix if a run of the same day is already
	 * there.
	 */
	static Path resultsDirectory(Path results, String name) {
		String base = name + "-" + LocalDate.now();
		Path directory = results.resolve(base);
		for (int i = 2; Files.exists(directory); i++) {
			directory = results.resolve(base + "-" + i);
		}
		return directory;
	}

	static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " / " + fields[1] + " / " + fields[2] + " (1 / 5 / 15 min)";
		}
		catch (IOException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

	/**
	 * The unrecorded load each target gets before its measured run. Every target is a
	 * fresh set of JVMs; without it the first seconds of a storm measure class loading
	 * and JIT compilation. After it, a target with a result cache waits it out (its
	 * longest cacheTtl and a second), so the measured run starts with an empty cache like
	 * the others.
	 *
	 * @param duration how long ({@link Duration#ZERO}: no warm-up)
	 * @param users the users, at most the scenario's peak
	 */
	record WarmUp(Duration duration, int users) {

		static WarmUp of(BenchOptions options) {
			return new WarmUp(options.warmUp(), options.warmUpUsers());
		}

		void apply(Target target, LoadDriver driver, Scenario scenario, Path logs) {
			if (this.duration.isZero()) {
				return;
			}
			driver.run(target.baseUrl(), target.clientMode(),
					Scenario.warmUp(Math.min(this.users, scenario.peakUsers()), this.duration), new Recorder(),
					logs.resolve("gatling-warm-up"));
			if (!target.resultCacheTtl().isZero()) {
				try {
					Thread.sleep(target.resultCacheTtl().plusSeconds(1));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted while " + target.name() + " settled", ex);
				}
			}
		}

		String describe() {
			return this.duration.isZero() ? "warm-up: none"
					: "warm-up: each target first ran the same mix with " + this.users + " users for "
							+ this.duration.toSeconds() + " s, not recorded (JIT, pools); a target with a result "
							+ "cache then waited its longest cacheTtl + 1 s, so the cache was empty again";
		}

	}

}
