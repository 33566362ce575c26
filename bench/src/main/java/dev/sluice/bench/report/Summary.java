package dev.sluice.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.sluice.bench.ceiling.PgbenchCeiling;
import dev.sluice.bench.load.ErrorKind;

/** The side-by-side table, its CSV form, and the check of Sluice's targets. */
final class Summary {

	private Summary() {
	}

	static String markdownTable(List<TargetRun> runs, PgbenchCeiling.Result ceiling) {
		StringBuilder table = new StringBuilder("| target | requests | errors % | submit p50/p95/p99 ms | "
				+ "end-to-end p50/p95/p99 ms | max DB conns | mean DB QPS | DB QPS CV (steady) | drain efficiency |\n"
				+ "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (TargetRun run : runs) {
			table.append("| ")
				.append(run.target())
				.append(" | ")
				.append(run.requests())
				.append(" | ")
				.append(ReportWriter.number(run.errorPercent()))
				.append(" | ")
				.append(ReportWriter.percentiles(run.submitLatency()))
				.append(" | ")
				.append(ReportWriter.percentiles(run.endToEndLatency()))
				.append(" | ")
				.append(run.maxDbConnections())
				.append(" | ")
				.append(ReportWriter.number(run.meanDbQps()))
				.append(" | ")
				.append(ReportWriter.number(run.steadyDbQpsCv()))
				.append(" % | ")
				.append(ReportWriter.number(100 * run.steadyDbQps() / ceiling.bestTps()))
				.append(" % |\n");
		}
		return table.toString();
	}

	static List<String> csv(List<TargetRun> runs, PgbenchCeiling.Result ceiling) {
		List<String> lines = new ArrayList<>(List.of("target,requests,completed,errors,error_percent,"
				+ "submit_p50_ms,submit_p95_ms,submit_p99_ms,e2e_p50_ms,e2e_p95_ms,e2e_p99_ms,max_db_connections,"
				+ "mean_db_qps,steady_db_qps,steady_db_xacts,steady_db_qps_cv_percent,pgbench_ceiling_tps,drain_efficiency_percent"));
		for (TargetRun run : runs) {
			lines.add(String.join(",", run.target(), Long.toString(run.requests()), Long.toString(run.completed()),
					Long.toString(run.errors()), format(run.errorPercent()),
					Long.toString(run.submitLatency().getValueAtPercentile(50)),
					Long.toString(run.submitLatency().getValueAtPercentile(95)),
					Long.toString(run.submitLatency().getValueAtPercentile(99)),
					Long.toString(run.endToEndLatency().getValueAtPercentile(50)),
					Long.toString(run.endToEndLatency().getValueAtPercentile(95)),
					Long.toString(run.endToEndLatency().getValueAtPercentile(99)),
					Integer.toString(run.maxDbConnections()), format(run.meanDbQps()), format(run.steadyDbQps()),
					format(run.steadyDbXacts()), format(run.steadyDbQpsCv()), format(ceiling.bestTps()),
					format(100 * run.steadyDbQps() / ceiling.bestTps())));
		}
		return lines;
	}

	/** The targets for Sluice under a storm, each met or not. */
	static String targets(TargetRun run, PgbenchCeiling.Result ceiling) {
		// Accepted but never seen terminal: lost, or abandoned after a failed poll.
		long unfinished = run.errors() - run.failedSubmissions() - run.errors(ErrorKind.NOT_SUCCEEDED);
		double efficiency = 100 * run.steadyDbQps() / ceiling.bestTps();
		StringBuilder table = new StringBuilder("| target | measured | met |\n|---|---:|:---:|\n");
		check(table, "0 failed submissions", Long.toString(run.failedSubmissions()), run.failedSubmissions() == 0);
		check(table, "every accepted query terminal (lost or abandoned while polling)", Long.toString(unfinished),
				unfinished == 0);
		long p99 = run.submitLatency().getValueAtPercentile(99);
		check(table, "submit p99 <= 100 ms", p99 + " ms", p99 <= 100);
		check(table, "DB connections never above workers x pool size (" + run.connectionBudget() + ")",
				Integer.toString(run.maxDbConnections()), run.maxDbConnections() <= run.connectionBudget());
		check(table, "DB QPS CV <= 10 % in the steady phase", format(run.steadyDbQpsCv()) + " %",
				run.steadyDbQpsCv() <= 10);
		check(table, "drain efficiency >= 80 % of the pgbench ceiling", format(efficiency) + " %", efficiency >= 80);
		return table.toString();
	}

	private static void check(StringBuilder table, String target, String measured, boolean met) {
		table.append("| ")
			.append(target)
			.append(" | ")
			.append(measured)
			.append(" | ")
			.append(met ? "yes" : "**no**")
			.append(" |\n");
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
