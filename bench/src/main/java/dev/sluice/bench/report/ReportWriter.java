package dev.sluice.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.sluice.bench.ceiling.PgbenchCeiling;
import dev.sluice.bench.load.ErrorKind;
import dev.sluice.bench.load.Scenario;
import org.HdrHistogram.Histogram;

/**
 * Writes a run's results folder: {@code report.md}, one CSV per target (per second),
 * {@code summary.csv}, and the overlaid PNG charts.
 */
public final class ReportWriter {

	private ReportWriter() {
	}

	/**
	 * @param directory the run's folder, e.g. {@code bench/results/storm-2026-11-23}
	 * @param scenario the load shape
	 * @param context lines describing how the run was set up, for the report's header
	 * @param ceiling the pgbench ceiling of the same query mix
	 * @param runs one per target, in the order they ran
	 * @return the report file
	 */
	public static Path write(Path directory, Scenario scenario, List<String> context, PgbenchCeiling.Result ceiling,
			List<TargetRun> runs) {
		try {
			Files.createDirectories(directory);
			for (TargetRun run : runs) {
				List<String> lines = new ArrayList<>(List.of(Timeline.csvHeader()));
				Timeline.rows(run).forEach((row) -> lines.add(row.csv()));
				Files.write(directory.resolve(run.target() + ".csv"), lines);
			}
			Files.write(directory.resolve("summary.csv"), Summary.csv(runs, ceiling));
			Files.write(directory.resolve("cpu.csv"), CpuTables.csv(runs));
			Charts.write(scenario.name(), runs, directory);
			Path report = directory.resolve("report.md");
			Files.writeString(report, markdown(scenario, context, ceiling, runs));
			return report;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the report to " + directory, ex);
		}
	}

	private static String markdown(Scenario scenario, List<String> context, PgbenchCeiling.Result ceiling,
			List<TargetRun> runs) {
		StringBuilder md = new StringBuilder();
		md.append("# ").append(scenario.name()).append(" benchmark\n\n");
		context.forEach((line) -> md.append("- ").append(line).append('\n'));
		md.append("\n## Database ceiling (pgbench, same query mix)\n\n| clients | TPS |\n|---:|---:|\n");
		ceiling.tpsByClients()
			.forEach((clients, tps) -> md.append("| ")
				.append(clients)
				.append(" | ")
				.append(number(tps))
				.append(clients == ceiling.bestClients() ? " (best)" : "")
				.append(" |\n"));
		md.append("\n## Side by side\n\n").append(Summary.markdownTable(runs, ceiling)).append('\n');
		md.append(CpuTables.METHOD).append('\n');
		for (TargetRun run : runs) {
			md.append("## ")
				.append(run.target())
				.append("\n\n")
				.append(targetTable(run, ceiling))
				.append('\n')
				.append(CpuTables.of(run))
				.append('\n');
		}
		runs.stream()
			.filter((run) -> run.target().startsWith("sluice"))
			.forEach((run) -> md.append("## Sluice targets (")
				.append(scenario.name())
				.append("): ")
				.append(run.target())
				.append("\n\n")
				.append(Summary.targets(run, ceiling))
				.append('\n'));
		md.append("## Charts\n\n");
		for (Charts.Chart chart : Charts.ALL) {
			md.append("![").append(chart.title()).append("](").append(chart.png()).append(")\n\n");
		}
		md.append("Per-second data: ");
		runs.forEach(
				(run) -> md.append('[').append(run.target()).append(".csv](").append(run.target()).append(".csv) "));
		md.append("; totals: [summary.csv](summary.csv); CPU per process: [cpu.csv](cpu.csv).\n");
		return md.toString();
	}

	private static String targetTable(TargetRun run, PgbenchCeiling.Result ceiling) {
		StringBuilder table = new StringBuilder("| measure | value |\n|---|---:|\n");
		row(table, "client mode", run.mode().label() + " (" + run.mode().description() + ")");
		row(table, "requests started", Long.toString(run.requests()));
		row(table, "completed with rows", Long.toString(run.completed()));
		row(table, "errors", run.errors() + " (" + number(run.errorPercent()) + " %)");
		for (ErrorKind kind : ErrorKind.values()) {
			if (run.errors(kind) > 0) {
				row(table, "&nbsp;&nbsp;" + kind.name().toLowerCase(Locale.ROOT), Long.toString(run.errors(kind)));
			}
		}
		row(table, "submit latency p50 / p95 / p99 (ms)", percentiles(run.submitLatency()));
		row(table, "end-to-end latency p50 / p95 / p99 (ms)", percentiles(run.endToEndLatency()));
		row(table, "max DB connections (budget)", run.maxDbConnections() + " (" + run.connectionBudget() + ")");
		row(table, "mean DB QPS (whole load / steady phase)",
				number(run.meanDbQps()) + " / " + number(run.steadyDbQps()));
		row(table, "DB transactions/s seen by PostgreSQL, steady phase (pg_stat_database)",
				number(run.steadyDbXacts()));
		row(table, "DB QPS coefficient of variation, steady phase", number(run.steadyDbQpsCv()) + " %");
		row(table, "drain efficiency (steady DB QPS / pgbench ceiling)",
				number(100 * run.steadyDbQps() / ceiling.bestTps()) + " %");
		row(table, "completed per second, steady phase", number(run.steadyThroughput()));
		if (run.asynchronous()) {
			row(table, "max queue depth", Long.toString(run.maxQueueDepth()));
			row(table, "pool busy share while the backlog >= pool size, steady phase", CpuTables.poolBusyShare(run));
		}
		return table.toString();
	}

	private static void row(StringBuilder table, String measure, String value) {
		table.append("| ").append(measure).append(" | ").append(value).append(" |\n");
	}

	static String percentiles(Histogram histogram) {
		if (histogram.getTotalCount() == 0) {
			return "n/a";
		}
		return histogram.getValueAtPercentile(50) + " / " + histogram.getValueAtPercentile(95) + " / "
				+ histogram.getValueAtPercentile(99);
	}

	static String number(double value) {
		return String.format(Locale.ROOT, (Math.abs(value) >= 100) ? "%.0f" : "%.1f", value);
	}

}
