package dev.sluice.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import dev.sluice.bench.ceiling.PgbenchCeiling;
import dev.sluice.bench.load.ClientMode;
import dev.sluice.bench.load.LoadDriver;
import dev.sluice.bench.report.ReportWriter;
import dev.sluice.bench.report.TargetRun;
import dev.sluice.bench.targets.Database;
import dev.sluice.bench.targets.NoCacheCatalog;
import dev.sluice.bench.targets.SluiceTarget;
import dev.sluice.bench.workload.Workload;
import dev.sluice.catalog.Catalog;
import dev.sluice.devstack.postgres.DemoDatabase;
import dev.sluice.devstack.postgres.PostgresServer;

/**
 * What Sluice's cache saves the database: the same Zipf-skewed load against Sluice twice,
 * once with the demo catalog's cache TTLs and once with every {@code cacheTtl} set to 0
 * (in-flight coalescing stays on in both).
 */
final class CacheRun {

	private final BenchOptions options;

	private final Consumer<String> progress;

	CacheRun(BenchOptions options, Consumer<String> progress) {
		this.options = options;
		this.progress = progress;
	}

	Path run() {
		PostgresServer server = PostgresServer.fromEnvironment();
		DemoDatabase.on(server, this.options.database()).ensureLoaded(this.options.demoScale(), this.progress);
		Database database = new Database(server, this.options.database());
		Workload workload = Workload.load(Measurement.sizes(server, this.options.database()));
		Path directory = Measurement.resultsDirectory(this.options.results(), "cache");
		Path raw = directory.resolve("raw");
		this.progress.accept("pgbench ceiling of the query mix");
		Catalog catalog = Catalog.load(Catalog.DEMO);
		PgbenchCeiling.Result ceiling = new PgbenchCeiling(database, workload, catalog)
			.measure(this.options.pgbenchClients(), this.options.pgbenchDuration(), raw.resolve("pgbench"));
		LoadDriver driver = new LoadDriver(workload, this.options.pollWait(), this.options.submitWait(),
				this.options.resultBudget());
		List<TargetRun> runs = new ArrayList<>();
		Measurement.WarmUp warmUp = Measurement.WarmUp.of(this.options);
		List<String> context = new ArrayList<>(List.of(warmUp.describe()));
		for (boolean cached : new boolean[] { true, false }) {
			String name = cached ? "cache-on" : "cache-off";
			this.progress.accept(name);
			context.add("load average when " + name + " started: " + Measurement.loadAverage());
			SluiceTarget.Layout layout = new SluiceTarget.Layout(this.options.workers(), this.options.poolSize(),
					cached ? null : NoCacheCatalog.write(raw), ClientMode.POLL);
			try (SluiceTarget sluice = SluiceTarget.start(name, database, layout, raw.resolve(name))) {
				runs.add(Measurement.measure(sluice, driver, this.options.scenario(), warmUp, server,
						this.options.database(), raw.resolve(name)));
			}
		}
		context.addAll(0, describe(runs, ceiling));
		Path report = ReportWriter.write(directory, this.options.scenario(), context, ceiling, runs);
		this.progress.accept("report: " + report);
		return directory;
	}

	private List<String> describe(List<TargetRun> runs, PgbenchCeiling.Result ceiling) {
		TargetRun on = runs.get(0);
		TargetRun off = runs.get(1);
		return List.of(
				"date: " + java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors()
						+ " cores shared by the load driver, Sluice (1 ingress + " + this.options.workers()
						+ " workers x pool " + this.options.poolSize() + "), Kafka and PostgreSQL",
				"load: " + this.options.scenario().peakUsers() + " closed-model users, k6/workload.json mix (Zipf "
						+ "parameters), steady phase seconds " + on.steadyFrom() + " to " + on.steadyTo(),
				"cache-on: the demo catalog's cacheTtl per query; cache-off: the same catalog with every cacheTtl 0s",
				String.format(Locale.ROOT,
						"**steady DB QPS: %.0f with the cache, %.0f without; completed queries/s: %.0f vs %.0f; "
								+ "share of completed queries that needed no DB execution with the cache: %.0f %%**",
						on.steadyDbQps(), off.steadyDbQps(), on.steadyThroughput(), off.steadyThroughput(),
						servedWithoutDatabase(on)),
				"pgbench ceiling " + Math.round(ceiling.bestTps()) + " TPS at " + ceiling.bestClients() + " clients");
	}

	private static double servedWithoutDatabase(TargetRun run) {
		double throughput = run.steadyThroughput();
		return (throughput == 0) ? 0 : Math.max(0, 100 * (1 - run.steadyDbQps() / throughput));
	}

}
