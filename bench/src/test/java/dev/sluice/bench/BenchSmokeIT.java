package dev.sluice.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.sluice.devstack.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the harness from rotting: the smoke scenario with tiny stages against every
 * target (the built Sluice jars included), on a small demo database of its own, must
 * leave a complete report with real figures.
 */
class BenchSmokeIT {

	private static final PostgresServer SERVER = PostgresServer.fromEnvironment();

	private static final String DATABASE = "sluice_bench_it_" + UUID.randomUUID().toString().substring(0, 8);

	private static Path results;

	@BeforeAll
	static void runSmoke() throws Exception {
		Path base = Files.createDirectories(Path.of("target", "bench-it"));
		List<String> lines = new ArrayList<>();
		results = new BenchRun(BenchOptions.parse("smoke", "--database", DATABASE, "--demo-scale", "0.01", "--users",
				"8", "--ramp", "2s", "--hold", "8s", "--gateway-pool", "10", "--pgbench-clients", "2,4",
				"--pgbench-time", "2s", "--poll-wait", "5s", "--result-budget", "30s", "--warm-up", "3s",
				"--warm-up-users", "4", "--results", base.toString()), lines::add)
			.run();
	}

	@AfterAll
	static void dropDatabase() {
		SERVER.dropDatabase(DATABASE);
	}

	@Test
	void reportHasATableForEveryTargetAndSluicesTargets() throws Exception {
		String report = Files.readString(results.resolve("report.md"));
		assertThat(report).contains("## direct", "## pgbouncer", "## sluice", "## sluice-nocache", "## sluice-poll",
				"## Sluice targets (smoke): sluice", "## Database ceiling (pgbench, same query mix)");
	}

	@Test
	void everyTargetServedQueriesAndTheDatabaseSawThem() throws Exception {
		Map<String, Map<String, String>> summary = summary();
		assertThat(summary).containsOnlyKeys("direct", "pgbouncer", "sluice", "sluice-nocache", "sluice-poll");
		summary.forEach((target, row) -> {
			assertThat(Long.parseLong(row.get("completed"))).as(target + " completed").isPositive();
			assertThat(Integer.parseInt(row.get("max_db_connections"))).as(target + " max connections").isPositive();
			assertThat(Double.parseDouble(row.get("mean_db_qps"))).as(target + " DB QPS").isPositive();
			// A warm gateway on the tiny smoke database answers in under a millisecond:
			// the median may round to 0, the tail may not.
			assertThat(Long.parseLong(row.get("e2e_p50_ms"))).as(target + " median latency").isNotNegative();
			assertThat(Long.parseLong(row.get("e2e_p99_ms"))).as(target + " p99 latency")
				.isPositive()
				.isGreaterThanOrEqualTo(Long.parseLong(row.get("e2e_p50_ms")));
			assertThat(Double.parseDouble(row.get("pgbench_ceiling_tps"))).as("ceiling").isPositive();
		});
	}

	@Test
	void everyTargetsCpuPerQueryIsMeasured() throws Exception {
		summary().forEach((target, row) -> {
			assertThat(Double.parseDouble(row.get("postgres_cpu_ms_per_query"))).as(target + " PostgreSQL CPU")
				.isPositive();
			assertThat(Double.parseDouble(row.get("load_driver_cpu_ms_per_query"))).as(target + " load driver CPU")
				.isPositive();
			String own = target.startsWith("sluice") ? "pipeline_cpu_ms_per_query" : "gateway_cpu_ms_per_query";
			assertThat(Double.parseDouble(row.get(own))).as(target + " " + own).isPositive();
		});
		// Measured, though a few queries may cost PgBouncer less than one clock tick.
		assertThat(Double.parseDouble(summary().get("pgbouncer").get("pgbouncer_cpu_ms_per_query"))).isNotNegative();
		assertThat(summary().get("sluice")).containsEntry("client_mode", "wait");
		assertThat(summary().get("sluice-poll")).containsEntry("client_mode", "poll");
	}

	@Test
	void sluiceAndPgBouncerStayWithinTheirConnectionBudget() throws Exception {
		Map<String, Map<String, String>> summary = summary();
		assertThat(Integer.parseInt(summary.get("sluice").get("max_db_connections"))).isLessThanOrEqualTo(16);
		assertThat(Integer.parseInt(summary.get("pgbouncer").get("max_db_connections"))).isLessThanOrEqualTo(16);
	}

	@Test
	void chartsAndPerSecondCsvsAreWritten() throws Exception {
		for (String chart : List.of("db-connections", "db-qps", "errors", "p95-latency")) {
			assertThat(Files.size(results.resolve(chart + ".png"))).as(chart).isGreaterThan(1000);
		}
		for (String target : List.of("direct", "pgbouncer", "sluice", "sluice-nocache", "sluice-poll")) {
			List<String> csv = Files.readAllLines(results.resolve(target + ".csv"));
			assertThat(csv.getFirst()).startsWith("second,started,completed");
			assertThat(csv).as(target + " seconds").hasSizeGreaterThan(8);
		}
	}

	private static Map<String, Map<String, String>> summary() throws Exception {
		List<String> lines = Files.readAllLines(results.resolve("summary.csv"));
		String[] header = lines.getFirst().split(",");
		return lines.stream()
			.skip(1)
			// -1 keeps trailing empty fields: a figure that does not apply is left empty.
			.map((line) -> line.split(",", -1))
			.collect(Collectors.toMap((row) -> row[0], (row) -> {
				Map<String, String> values = new java.util.HashMap<>();
				for (int i = 0; i < header.length; i++) {
					values.put(header[i].toLowerCase(Locale.ROOT), row[i]);
				}
				return values;
			}, (a, b) -> a, java.util.LinkedHashMap::new));
	}

}
