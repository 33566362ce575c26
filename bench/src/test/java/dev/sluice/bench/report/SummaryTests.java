package dev.sluice.bench.report;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.sluice.bench.ceiling.PgbenchCeiling;
import dev.sluice.bench.cpu.CpuUsage;
import dev.sluice.bench.cpu.ProcessCpu;
import dev.sluice.bench.cpu.Role;
import dev.sluice.bench.load.ClientMode;
import dev.sluice.bench.load.ErrorKind;
import dev.sluice.bench.load.Recorder;
import dev.sluice.bench.sample.Sample;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTests {

	private static final PgbenchCeiling.Result CEILING = new PgbenchCeiling.Result(400, 4, Map.of(4, 400.0));

	/** Ten steady seconds, 100 completed queries in each. */
	private static final long STEADY_SECONDS = 10;

	@Test
	void sideBySideShowsThroughputAgainstDirectAndCpuPerQuery() {
		String table = Summary.markdownTable(List.of(direct(), pgbouncer(), sluice()), CEILING);
		assertThat(table.lines().findFirst().orElseThrow()).contains("| client mode |", "| completed/s | ÷ direct |",
				"| pipeline CPU ms/query | gateway CPU ms/query | PostgreSQL CPU ms/query | pool busy share |");
		// direct: 200 completed/s; its gateway spent 2,000 ms on 2,000 queries.
		assertThat(table).contains("| direct | request |", "| 200 | 1.00 | — | 1.00 | 15.00 | — |");
		assertThat(table).contains("| pgbouncer | request |", "| 1.00 + 0.25 PgBouncer | 15.00 | — |");
		// sluice: 100/s, pipeline (3,000 + 2 x 1,000 + 2,000) ms over 1,000 queries; the
		// backlog reached the pool in 4 samples, with all 16 connections active in 3.
		assertThat(table).contains("| sluice | wait |", "| 100 | 0.50 | 7.00 | — | 20.00 | 75 % |");
	}

	@Test
	void summaryCsvHasTheCostColumnsAndLeavesWhatDoesNotApplyEmpty() {
		List<String> csv = Summary.csv(List.of(direct(), sluice()), CEILING);
		List<String> header = List.of(csv.getFirst().split(","));
		assertThat(header).contains("client_mode", "steady_completed_per_s", "completed_ratio_to_direct",
				"pipeline_cpu_ms_per_query", "gateway_cpu_ms_per_query", "postgres_cpu_ms_per_query",
				"pool_busy_share_percent");
		Map<String, String> direct = row(header, csv.get(1));
		Map<String, String> sluice = row(header, csv.get(2));
		assertThat(direct).containsEntry("client_mode", "request")
			.containsEntry("gateway_cpu_ms_per_query", "1.000")
			.containsEntry("pipeline_cpu_ms_per_query", "")
			.containsEntry("pool_busy_share_percent", "");
		assertThat(sluice).containsEntry("client_mode", "wait")
			.containsEntry("completed_ratio_to_direct", "0.500")
			.containsEntry("pipeline_cpu_ms_per_query", "7.000")
			.containsEntry("postgres_cpu_ms_per_query", "20.000")
			.containsEntry("pool_busy_share_percent", "75.000");
	}

	@Test
	void withoutADirectRunThereIsNoRatio() {
		assertThat(Summary.markdownTable(List.of(sluice()), CEILING)).contains("| 100 | n/a | 7.00 |");
	}

	@Test
	void theCpuTableOfATargetListsEveryProcessAndThePipeline() {
		String table = CpuTables.of(sluice());
		assertThat(table).contains("10.0 s, 1000 queries completed", "| ingress | 3000 | 3.00 | 0.30 |",
				"| kafka broker | 2000 | 2.00 | 0.20 |", "| postgresql | 20000 | 20.00 | 2.00 |",
				"| **pipeline** (ingress + workers + broker) | 7000 | 7.00 | 0.70 |");
	}

	private static TargetRun direct() {
		return run("direct", ClientMode.REQUEST, 100, 200, List.of(),
				new CpuUsage(List.of(new ProcessCpu("gateway", Role.GATEWAY, 2_000),
						new ProcessCpu("postgresql", Role.DATABASE, 30_000)), STEADY_SECONDS * 1_000_000_000L));
	}

	private static TargetRun pgbouncer() {
		return run("pgbouncer", ClientMode.REQUEST, 16, 200, List.of(),
				new CpuUsage(List.of(new ProcessCpu("gateway", Role.GATEWAY, 2_000),
						new ProcessCpu("pgbouncer", Role.POOLER, 500),
						new ProcessCpu("postgresql", Role.DATABASE, 30_000)), STEADY_SECONDS * 1_000_000_000L));
	}

	private static TargetRun sluice() {
		List<Sample> samples = List.of(sample(0, 16, 40), sample(1, 16, 16), sample(2, 12, 30), sample(3, 16, 200),
				sample(4, 16, 3));
		return run("sluice", ClientMode.WAIT, 16, 100, samples,
				new CpuUsage(List.of(new ProcessCpu("ingress", Role.INGRESS, 3_000),
						new ProcessCpu("worker-1", Role.WORKER, 1_000), new ProcessCpu("worker-2", Role.WORKER, 1_000),
						new ProcessCpu("kafka broker", Role.BROKER, 2_000),
						new ProcessCpu("postgresql", Role.DATABASE, 20_000)), STEADY_SECONDS * 1_000_000_000L));
	}

	private static TargetRun run(String name, ClientMode mode, int budget, long completedPerSecond,
			List<Sample> samples, CpuUsage cpu) {
		SortedMap<Long, Recorder.SecondView> seconds = new TreeMap<>();
		Map<ErrorKind, Long> noErrors = new EnumMap<>(ErrorKind.class);
		for (ErrorKind kind : ErrorKind.values()) {
			noErrors.put(kind, 0L);
		}
		for (long second = 0; second < STEADY_SECONDS; second++) {
			seconds.put(second, new Recorder.SecondView(completedPerSecond, completedPerSecond, noErrors, 10, 20, 30));
		}
		Histogram latency = new Histogram(600_000, 3);
		latency.recordValue(10);
		return new TargetRun(name, mode, budget, seconds, latency, latency, 0, samples, 0, STEADY_SECONDS, cpu);
	}

	private static Sample sample(long second, int workersActive, long queueDepth) {
		return new Sample(second, 16, 16, workersActive, 100, 100, queueDepth);
	}

	private static Map<String, String> row(List<String> header, String line) {
		String[] values = line.split(",", -1);
		Map<String, String> row = new java.util.HashMap<>();
		for (int i = 0; i < header.size(); i++) {
			row.put(header.get(i), values[i]);
		}
		return row;
	}

}
