package dev.sluice.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.sluice.bench.ceiling.PgbenchCeiling;
import dev.sluice.bench.load.ClientMode;
import dev.sluice.bench.load.LoadDriver;
import dev.sluice.bench.load.Recorder;
import dev.sluice.bench.process.Tools;
import dev.sluice.bench.report.ReportWriter;
import dev.sluice.bench.report.TargetRun;
import dev.sluice.bench.sample.Sampler;
import dev.sluice.bench.targets.Database;
import dev.sluice.bench.targets.GatewayTarget;
import dev.sluice.bench.targets.NoCacheCatalog;
import dev.sluice.bench.targets.SluiceTarget;
import dev.sluice.bench.targets.Target;
import dev.sluice.bench.workload.Workload;
import dev.sluice.catalog.Catalog;
import dev.sluice.devstack.postgres.DemoDatabase;
import dev.sluice.devstack.postgres.PostgresServer;
import org.jspecify.annotations.Nullable;

/**
 * One benchmark run: the same scenario against each target in turn, on the same database,
 * data and query mix, with the pgbench ceiling measured first; then the report.
 */
final class BenchRun {

	private final BenchOptions options;

	private final Consumer<String> progress;

	BenchRun(BenchOptions options, Consumer<String> progress) {
		this.options = options;
		this.progress = progress;
	}

	/**
	 * @return the run's results folder
	 */
	Path run() {
		Tools.require("pgbench", "postgresql");
		if (this.options.targets().contains("pgbouncer")) {
			Tools.require("pgbouncer", "pgbouncer");
		}
		PostgresServer server = PostgresServer.fromEnvironment();
		DemoDatabase demo = DemoDatabase.on(server, this.options.database());
		demo.ensureLoaded(this.options.demoScale(), this.progress);
		Database database = new Database(server, this.options.database());
		Workload workload = Workload.load(Measurement.sizes(server, this.options.database()));
		Path directory = Measurement.resultsDirectory(this.options.results(), this.options.scenario().name());
		Path raw = directory.resolve("raw");

		this.progress.accept("pgbench ceiling of the query mix at " + this.options.pgbenchClients() + " clients");
		Catalog catalog = Catalog.load(Catalog.DEMO);
		PgbenchCeiling.Result ceiling = new PgbenchCeiling(database, workload, catalog)
			.measure(this.options.pgbenchClients(), this.options.pgbenchDuration(), raw.resolve("pgbench"));
		this.progress
			.accept("ceiling: " + Math.round(ceiling.bestTps()) + " TPS at " + ceiling.bestClients() + " clients");

		LoadDriver driver = new LoadDriver(workload, this.options.pollWait(), this.options.submitWait(),
				this.options.resultBudget());
		List<TargetRun> runs = new ArrayList<>();
		Measurement.WarmUp warmUp = Measurement.WarmUp.of(this.options);
		List<String> context = new ArrayList<>(context(server, ceiling));
		context.add(warmUp.describe());
		for (String name : this.options.targets()) {
			this.progress.accept(this.options.scenario().name() + " against " + name);
			// The host is shared: say how busy it was, so a reader can weigh the figures.
			context.add("load average when " + name + " started: " + Measurement.loadAverage());
			try (Target target = start(name, database, raw.resolve(name))) {
				runs.add(Measurement.measure(target, driver, this.options.scenario(), warmUp, server,
						this.options.database(), raw.resolve(name)));
			}
		}
		Path report = ReportWriter.write(directory, this.options.scenario(), context, ceiling, runs);
		this.progress.accept("report: " + report);
		return directory;
	}

	private Target start(String name, Database database, Path logs) {
		return switch (name) {
			case "direct" -> GatewayTarget.direct(database, this.options.gatewayPool(), logs);
			case "pgbouncer" -> GatewayTarget.throughPgBouncer(database, this.options.gatewayPool(),
					this.options.workers() * this.options.poolSize(), logs);
			case "sluice" -> sluice(name, database, null, ClientMode.WAIT, logs);
			case "sluice-nocache" -> sluice(name, database, NoCacheCatalog.write(logs), ClientMode.WAIT, logs);
			case "sluice-poll" -> sluice(name, database, null, ClientMode.POLL, logs);
			default -> throw new IllegalArgumentException("Unknown target " + name);
		};
	}

	private Target sluice(String name, Database database, @Nullable Path catalog, ClientMode mode, Path logs) {
		return SluiceTarget.start(name, database,
				new SluiceTarget.Layout(this.options.workers(), this.options.poolSize(), catalog, mode), logs);
	}

	private List<String> context(PostgresServer server, PgbenchCeiling.Result ceiling) {
		BenchOptions o = this.options;
		return List.of(
				"date: " + LocalDate.now() + ", machine: " + Runtime.getRuntime().availableProcessors()
						+ " cores, everything (load driver, apps, Kafka, PostgreSQL) on the same host, loopback only",
				"load: Gatling closed model, stages "
						+ o.scenario()
							.stages()
							.stream()
							.map((s) -> s.duration().toSeconds() + " s -> " + s.users() + " users")
							.toList()
						+ "; each user submits one query of the k6/workload.json mix and waits for its result",
				"DB QPS: catalog queries each target sent to PostgreSQL per second, by its own counter (the "
						+ "gateway's, or the workers' sluice_db_queries_total); PostgreSQL's transaction count "
						+ "(pg_stat_database) is shown beside it and in the CSVs",
				"steady phase (CV, drain efficiency): seconds " + o.scenario().steadyPhase()[0] + " to "
						+ o.scenario().steadyPhase()[1],
				"direct: synchronous gateway, HikariCP pool " + o.gatewayPool() + ", PostgreSQL max_connections "
						+ maxConnections(server),
				"pgbouncer: the same gateway through PgBouncer, transaction pooling, server pool "
						+ o.workers() * o.poolSize(),
				"sluice: 1 ingress + " + o.workers() + " workers x pool " + o.poolSize() + ", one Kafka broker, "
						+ "the demo catalog; sluice-nocache: the same with every cacheTtl 0 (the pipeline's own "
						+ "cost, without its result cache); sluice-poll: the same as sluice, polled",
				"client modes: request (direct, pgbouncer) = " + ClientMode.REQUEST.description() + "; wait (sluice, "
						+ "sluice-nocache) = POST with Prefer: wait=" + o.submitWait().toSeconds()
						+ ", long-polls (Prefer: wait=" + o.pollWait().toSeconds() + ") only if it answers before "
						+ "the query ended; poll (sluice-poll) = POST (202), then long-polls GET /v1/queries/{id} "
						+ "with Prefer: wait=" + o.pollWait().toSeconds() + ", each re-issued at once (Retry-After "
						+ "is honoured only by a poll the ingress did not hold); submit = until the POST's answer, "
						+ "end-to-end = until the terminal status",
				"database: " + o.database() + " on " + server + "; pgbench ceiling " + Math.round(ceiling.bestTps())
						+ " TPS (" + ceiling.bestClients() + " clients, " + o.pgbenchDuration().toSeconds()
						+ " s each)");
	}

	private static String maxConnections(PostgresServer server) {
		try (Connection connection = server.connect("postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("show max_connections")) {
			rows.next();
			return rows.getString(1);
		}
		catch (SQLException ex) {
			return "unknown (" + ex.getMessage() + ")";
		}
	}

}
