package dev.sluice.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.sluice.bench.ceiling.PgbenchCeiling;
import dev.sluice.bench.cpu.Role;
import dev.sluice.bench.load.ClientMode;
import dev.sluice.bench.load.ErrorKind;

/** The side-by-side table, its CSV form, and the check of Sluice's targets. */
final class Summary {

	private Summary() {
	}

	static String markdownTable(List<TargetRun> runs, PgbenchCeiling.Result ceiling) {
		StringBuilder table = new StringBuilder(
				"| target | client mode | requests | errors % | submit p50/p95/p99 ms | "
						+ "end-to-end p50/p95/p99 ms | max DB conns | mean DB QPS | DB QPS CV (steady) | drain efficiency | "
						+ "completed/s | ÷ direct | pipeline CPU ms/query | gateway CPU ms/query | PostgreSQL CPU ms/query | "
						+ "pool busy share |\n"
						+ "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		double direct = directThroughput(runs);
		for (TargetRun run : runs) {
			table.append("| ")
				.append(run.target())
				.append(" | ")
				.append(run.mode().label())
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
				.append(" % | ")
				.append(ReportWriter.number(run.steadyThroughput()))
				.append(" | ")
				.append(Double.isNaN(direct) ? "n/a"
						: String.format(Locale.ROOT, "%.2f", run.steadyThroughput() / direct))
				.append(" | ")
				.append(run.asynchronous() ? CpuTables.perQuery(run.cpuPerQuery(Role.PIPELINE)) : "—")
				.append(" | ")
				.append(CpuTables.gateway(run))
				.append(" | ")
				.append(CpuTables.perQuery(run.cpuPerQuery(Set.of(Role.DATABASE))))
				.append(" | ")
				.append(run.asynchronous() ? CpuTables.poolBusyShare(run) : "—")
				.append(" |\n");
		}
		return table.toString();
	}

	/**
	 * @return the direct target's completed queries per second, NaN if it did not run or
	 * completed none
	 */
	private static double directThroughput(List<TargetRun> runs) {
		return runs.stream()
			.filter((run) -> run.target().equals("direct"))
			.mapToDouble(TargetRun::steadyThroughput)
			.filter((throughput) -> throughput > 0)
			.findFirst()
			.orElse(Double.NaN);
	}

	static List<String> csv(List<TargetRun> runs, PgbenchCeiling.Result ceiling) {
		List<String> lines = new ArrayList<>(List.of("target,client_mode,requests,completed,errors,error_percent,"
				+ "submit_p50_ms,submit_p95_ms,submit_p99_ms,e2e_p50_ms,e2e_p95_ms,e2e_p99_ms,max_db_connections,"
				+ "mean_db_qps,steady_db_qps,steady_db_xacts,steady_db_qps_cv_percent,pgbench_ceiling_tps,"
				+ "drain_efficiency_percent,steady_completed,steady_completed_per_s,completed_ratio_to_direct,"
				+ "cpu_window_s,pipeline_cpu_ms_per_query,gateway_cpu_ms_per_query,pgbouncer_cpu_ms_per_query,"
				+ "postgres_cpu_ms_per_query,load_driver_cpu_ms_per_query,pool_busy_share_percent"));
		double direct = directThroughput(runs);
		for (TargetRun run : runs) {
			lines.add(String.join(",", run.target(), run.mode().label(), Long.toString(run.requests()),
					Long.toString(run.completed()), Long.toString(run.errors()), format(run.errorPercent()),
					Long.toString(run.submitLatency().getValueAtPercentile(50)),
					Long.toString(run.submitLatency().getValueAtPercentile(95)),
					Long.toString(run.submitLatency().getValueAtPercentile(99)),
					Long.toString(run.endToEndLatency().getValueAtPercentile(50)),
					Long.toString(run.endToEndLatency().getValueAtPercentile(95)),
					Long.toString(run.endToEndLatency().getValueAtPercentile(99)),
					Integer.toString(run.maxDbConnections()), format(run.meanDbQps()), format(run.steadyDbQps()),
					format(run.steadyDbXacts()), format(run.steadyDbQpsCv()), format(ceiling.bestTps()),
					format(100 * run.steadyDbQps() / ceiling.bestTps()), Long.toString(run.steadyCompleted()),
					format(run.steadyThroughput()), CpuTables.csvNumber(run.steadyThroughput() / direct),
					CpuTables.csvNumber(run.cpu().windowNanos() / 1e9),
					CpuTables.csvNumber(run.cpuPerQuery(Role.PIPELINE)),
					CpuTables.csvNumber(run.cpuPerQuery(Set.of(Role.GATEWAY))),
					CpuTables.csvNumber(run.cpuPerQuery(Set.of(Role.POOLER))),
					CpuTables.csvNumber(run.cpuPerQuery(Set.of(Role.DATABASE))),
					CpuTables.csvNumber(run.cpuPerQuery(Set.of(Role.LOAD_DRIVER))),
					CpuTables.csvNumber(run.poolBusyShare().orElse(Double.NaN))));
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
		if (run.mode() == ClientMode.POLL) {
			check(table, "submit p99 <= 100 ms", p99 + " ms", p99 <= 100);
		}
		else {
			// The POST itself waits for the result: its latency is the end-to-end one.
			table.append("| submit p99 <= 100 ms | n/a: in wait mode the POST waits for the result | — |\n");
		}
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
