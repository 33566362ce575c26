package dev.sluice.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.sluice.bench.ingress.IngressThroughput;
import dev.sluice.bench.targets.Database;
import dev.sluice.devstack.postgres.DemoDatabase;
import dev.sluice.devstack.postgres.PostgresServer;

/**
 * {@code bench/run}: the side-by-side benchmark of Sluice, a synchronous gateway and the
 * same gateway behind PgBouncer ({@code storm}, {@code wave}, {@code smoke}; see
 * {@link BenchOptions#USAGE}), the cache benchmark ({@code cache}) and the ingress
 * throughput benchmark ({@code ingress}) and the memory soak ({@code soak}).
 */
public final class Bench {

	private static final String INGRESS_USAGE = """
			usage: bench/run ingress [--connections 1,2,4,8,16,32,64] [--step 5s] [--warm-up 20s] [--p99 50ms]
			                         [--security open|keys] [--idempotency-keys none|unique]
			                         [--database sluice_demo] [--demo-scale 1] [--results bench/results]
			  --security keys: every POST carries an API key and is held to a quota too high to refuse,
			                   so the run measures what authentication and quotas cost (default open)
			  --idempotency-keys unique: every POST carries an Idempotency-Key of its own, as the Java
			                   client sends, so the run measures the idempotency check too (default none)
			""";

	private Bench() {
	}

	public static void main(String[] args) {
		Consumer<String> progress = (line) -> System.out.println("[bench] " + line);
		try {
			if (args.length > 0 && args[0].equals("ingress")) {
				ingress(args, progress);
			}
			else if (args.length > 0 && args[0].equals("soak")) {
				SoakRun.parse(args, progress).run();
			}
			else if (args.length > 0 && args[0].equals("cache")) {
				new CacheRun(BenchOptions.parse(args), progress).run();
			}
			else {
				new BenchRun(BenchOptions.parse(args), progress).run();
			}
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			System.exit(1);
		}
		// Gatling and the Kafka clients leave non-daemon threads behind.
		System.exit(0);
	}

	private static void ingress(String[] args, Consumer<String> progress) {
		Map<String, String> given = BenchOptions.pairs(args, 1, List.of("--connections", "--step", "--warm-up", "--p99",
				"--security", "--idempotency-keys", "--database", "--demo-scale", "--results"), INGRESS_USAGE);
		PostgresServer server = PostgresServer.fromEnvironment();
		String name = given.getOrDefault("--database", "sluice_demo");
		DemoDatabase.on(server, name)
			.ensureLoaded(Double.parseDouble(given.getOrDefault("--demo-scale", "1")), progress);
		Path directory = Measurement.resultsDirectory(Path.of(given.getOrDefault("--results", "bench/results")),
				"ingress");
		Path report = new IngressThroughput(new Database(server, name),
				Measurement.sizes(server, name).get("customers"),
				IngressThroughput.Security.of(given.getOrDefault("--security", "open")),
				IngressThroughput.IdempotencyKeys.of(given.getOrDefault("--idempotency-keys", "none")), progress)
			.run(Arrays.stream(given.getOrDefault("--connections", "1,2,4,8,16,32,64").split(","))
				.map(Integer::valueOf)
				.toList(), BenchOptions.duration("--step", given.getOrDefault("--step", "5s")),
					BenchOptions.duration("--warm-up", given.getOrDefault("--warm-up", "20s")),
					BenchOptions.duration("--p99", given.getOrDefault("--p99", "50ms")), directory);
		progress.accept("report: " + report);
	}

}
