package dev.sluice.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.sluice.bench.load.Scenario;

/**
 * The command line of {@code bench/run}.
 *
 * @param scenario the load shape
 * @param targets which targets, in order
 * @param database the database with the demo data (created and loaded if absent)
 * @param demoScale the demo data volume if it has to be loaded
 * @param results where the run's folder goes
 * @param workers Sluice workers
 * @param poolSize connections per worker
 * @param gatewayPool the synchronous gateway's pool size
 * @param pgbenchClients client counts pgbench tries for the ceiling
 * @param pgbenchDuration how long each pgbench try runs
 * @param pollWait {@code Prefer: wait} of Sluice long-polls
 * @param submitWait {@code Prefer: wait} of the POST of the Sluice targets in wait mode
 * @param resultBudget how long a Sluice query may take before it counts as lost
 * @param warmUp how long each target is loaded, unrecorded, before its measured run
 * ({@link Duration#ZERO} for none)
 * @param warmUpUsers the users of that warm-up, at most the scenario's peak
 */
record BenchOptions(Scenario scenario, List<String> targets, String database, double demoScale, Path results,
		int workers, int poolSize, int gatewayPool, List<Integer> pgbenchClients, Duration pgbenchDuration,
		Duration pollWait, Duration submitWait, Duration resultBudget, Duration warmUp, int warmUpUsers) {

	/** Every target, in the default order. */
	static final List<String> TARGETS = List.of("direct", "pgbouncer", "sluice", "sluice-nocache", "sluice-poll");

	static final String USAGE = """
			usage: bench/run storm|wave|smoke [options]
			  --targets direct,pgbouncer,sluice,sluice-nocache,sluice-poll
			                                       which targets, in this order (default all five);
			                                       sluice-nocache: every cacheTtl 0; sluice and
			                                       sluice-nocache POST with Prefer: wait, sluice-poll
			                                       POSTs for a 202 and long-polls
			  --users N --ramp 10s --hold 60s      override the scenario's shape
			  --database sluice_demo               demo database (created and loaded when absent)
			  --demo-scale 1                       volume when it has to be loaded
			  --results bench/results              where <scenario>-<date>/ goes
			  --workers 2 --pool-size 8            Sluice's layout; PgBouncer gets workers x pool-size
			  --gateway-pool 100                   the synchronous gateway's HikariCP pool
			  --pgbench-clients 4,8,16 --pgbench-time 15s
			  --poll-wait 10s --submit-wait 30s --result-budget 120s
			  --warm-up 30s --warm-up-users 100    unrecorded load on each target first (0s: none)
			""";

	private static final List<String> OPTIONS = List.of("--targets", "--users", "--ramp", "--hold", "--database",
			"--demo-scale", "--results", "--workers", "--pool-size", "--gateway-pool", "--pgbench-clients",
			"--pgbench-time", "--poll-wait", "--submit-wait", "--result-budget", "--warm-up", "--warm-up-users");

	static BenchOptions parse(String... args) {
		if (args.length == 0 || args[0].startsWith("-")) {
			throw new IllegalArgumentException("No scenario given.\n" + USAGE);
		}
		Map<String, String> given = pairs(args, 1, OPTIONS, USAGE);
		List<String> targets = List.of(given.getOrDefault("--targets", String.join(",", TARGETS)).split(","));
		for (String target : targets) {
			if (!TARGETS.contains(target)) {
				throw new IllegalArgumentException(
						"Unknown target '" + target + "'; choose among " + String.join(", ", TARGETS));
			}
		}
		Scenario scenario = Scenario.named(args[0], Integer.parseInt(given.getOrDefault("--users", "0")),
				given.containsKey("--ramp") ? duration("--ramp", given.get("--ramp")) : null,
				given.containsKey("--hold") ? duration("--hold", given.get("--hold")) : null);
		return new BenchOptions(scenario, targets, given.getOrDefault("--database", "sluice_demo"),
				Double.parseDouble(given.getOrDefault("--demo-scale", "1")),
				Path.of(given.getOrDefault("--results", "bench/results")),
				Integer.parseInt(given.getOrDefault("--workers", "2")),
				Integer.parseInt(given.getOrDefault("--pool-size", "8")),
				Integer.parseInt(given.getOrDefault("--gateway-pool", "100")),
				Arrays.stream(given.getOrDefault("--pgbench-clients", "4,8,16").split(","))
					.map(Integer::valueOf)
					.toList(),
				duration("--pgbench-time", given.getOrDefault("--pgbench-time", "15s")),
				duration("--poll-wait", given.getOrDefault("--poll-wait", "10s")),
				duration("--submit-wait", given.getOrDefault("--submit-wait", "30s")),
				duration("--result-budget", given.getOrDefault("--result-budget", "120s")),
				duration("--warm-up", given.getOrDefault("--warm-up", "30s")),
				Integer.parseInt(given.getOrDefault("--warm-up-users", "100")));
	}

	/**
	 * Read {@code --name value} pairs.
	 * @param args the command line
	 * @param from the index of the first option
	 * @param known the accepted option names
	 * @param usage shown with any mistake
	 * @return the given values by option name
	 */
	static Map<String, String> pairs(String[] args, int from, List<String> known, String usage) {
		Map<String, String> given = new HashMap<>();
		for (int i = from; i < args.length; i += 2) {
			if (!known.contains(args[i])) {
				throw new IllegalArgumentException("Unknown option " + args[i] + ".\n" + usage);
			}
			if (i + 1 == args.length) {
				throw new IllegalArgumentException(args[i] + " needs a value.\n" + usage);
			}
			given.put(args[i], args[i + 1]);
		}
		return given;
	}

	/** Durations as k6 writes them: 30s, 2m, 1m30s, 500ms. */
	static Duration duration(String option, String value) {
		java.util.regex.Matcher parts = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(value);
		Duration total = Duration.ZERO;
		int end = 0;
		while (parts.find() && parts.start() == end) {
			long amount = Long.parseLong(parts.group(1));
			total = total.plus(switch (parts.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				default -> Duration.ofHours(amount);
			});
			end = parts.end();
		}
		if (end == 0 || end != value.length()) {
			throw new IllegalArgumentException(
					option + " must be a duration such as 30s, 2m or 1m30s, not '" + value + "'");
		}
		return total;
	}

}
