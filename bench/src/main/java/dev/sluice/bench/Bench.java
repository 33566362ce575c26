package dev.sluice.bench;

/**
 * {@code bench/run storm|wave|smoke [options]}: the side-by-side benchmark of Sluice, a
 * synchronous gateway and the same gateway behind PgBouncer. See
 * {@link BenchOptions#USAGE}.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) {
		BenchOptions options;
		try {
			options = BenchOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		new BenchRun(options, (line) -> System.out.println("[bench] " + line)).run();
		// Gatling and Kafka clients leave non-daemon threads behind.
		System.exit(0);
	}

}
