package dev.sluice.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

import dev.sluice.bench.cpu.CpuUsage;
import dev.sluice.bench.cpu.ProcessCpu;
import dev.sluice.bench.cpu.Role;

/** Where a run's CPU went: per process for one target, and the method behind it. */
final class CpuTables {

	static final String METHOD = """
			CPU is utime + stime from `/proc/<pid>/stat` (clock ticks, converted with `getconf CLK_TCK`), read \
			at the start and at the end of the steady phase, at those instants. Every JVM counts all its \
			threads. The gateway runs in a JVM of its own, a child of the bench JVM, so its CPU is apart from \
			the load driver's. PostgreSQL is its postmaster and every child process: a child alive at both \
			readings counts its difference, one started in between counts whole, and one that exited in \
			between is counted through the postmaster's `cutime + cstime` (the CPU of reaped children), less \
			what it had spent before the first reading. PostgreSQL serves the whole host, so its figure \
			includes any other database's work at the time. The load driver is the bench JVM: Gatling, the \
			samplers and this meter. *Per query* divides by the queries the users saw complete in the steady \
			phase; *pipeline* is Sluice's ingress + workers + Kafka broker. *Pool busy share*: of the 1-s \
			samples of the steady phase in which the backlog (`sluice_queue_depth`, refreshed by the ingress \
			every 5 s) was at least workers x pool size, the share in which every worker connection was \
			running a statement (pg_stat_activity `state = 'active'`, application_name `sluice-worker-*`); \
			n/a when the backlog never reached the pool size.
			""";

	private CpuTables() {
	}

	/**
	 * @return the CPU table of one target, or a line saying why there is none
	 */
	static String of(TargetRun run) {
		CpuUsage cpu = run.cpu();
		if (!cpu.measured()) {
			return "CPU: not measured (the steady phase did not end while measured).\n";
		}
		long completed = run.steadyCompleted();
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
				"CPU over the steady phase (%.1f s, %d queries completed):%n%n", cpu.windowNanos() / 1e9, completed));
		table.append("| process | CPU ms over the phase | CPU ms per completed query | cores used |\n")
			.append("|---|---:|---:|---:|\n");
		for (ProcessCpu process : cpu.processes()) {
			row(table, process.name(), process.millis(), cpu, completed);
		}
		if (run.asynchronous()) {
			row(table, "**pipeline** (ingress + workers + broker)", cpu.millis(Role.PIPELINE), cpu, completed);
		}
		return table.toString();
	}

	private static void row(StringBuilder table, String name, double millis, CpuUsage cpu, long completed) {
		table.append("| ")
			.append(name)
			.append(" | ")
			.append(Double.isFinite(millis) ? Long.toString(Math.round(millis)) : "n/a")
			.append(" | ")
			.append(perQuery(CpuUsage.perQuery(millis, completed)))
			.append(" | ")
			.append(Double.isFinite(millis) ? String.format(Locale.ROOT, "%.2f", cpu.cores(millis)) : "n/a")
			.append(" |\n");
	}

	/**
	 * @return CPU ms per query with two decimals, or n/a
	 */
	static String perQuery(double millis) {
		return Double.isFinite(millis) ? String.format(Locale.ROOT, "%.2f", millis) : "n/a";
	}

	/**
	 * @return the gateway's CPU ms per query, with PgBouncer's beside it where there is
	 * one; "—" for a target without a gateway
	 */
	static String gateway(TargetRun run) {
		if (run.asynchronous()) {
			return "—";
		}
		String gateway = perQuery(run.cpuPerQuery(Set.of(Role.GATEWAY)));
		boolean pooled = run.cpu().processes().stream().anyMatch((process) -> process.role() == Role.POOLER);
		return pooled ? gateway + " + " + perQuery(run.cpuPerQuery(Set.of(Role.POOLER))) + " PgBouncer" : gateway;
	}

	/**
	 * @return {@link TargetRun#poolBusyShare()} in percent, or n/a
	 */
	static String poolBusyShare(TargetRun run) {
		OptionalDouble share = run.poolBusyShare();
		return share.isPresent() ? String.format(Locale.ROOT, "%.0f %%", share.getAsDouble()) : "n/a";
	}

	/**
	 * @return one line per process and target for {@code cpu.csv}
	 */
	static List<String> csv(List<TargetRun> runs) {
		List<String> lines = new ArrayList<>(List.of("target,process,role,cpu_ms,cpu_ms_per_query,cores,window_s"));
		for (TargetRun run : runs) {
			CpuUsage cpu = run.cpu();
			for (ProcessCpu process : cpu.processes()) {
				lines.add(String.join(",", run.target(), process.name(), process.role().name().toLowerCase(Locale.ROOT),
						csvNumber(process.millis()),
						csvNumber(CpuUsage.perQuery(process.millis(), run.steadyCompleted())),
						csvNumber(cpu.cores(process.millis())), csvNumber(cpu.windowNanos() / 1e9)));
			}
		}
		return lines;
	}

	/**
	 * @return the value with three decimals, or empty for NaN
	 */
	static String csvNumber(double value) {
		return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "";
	}

}
