package dev.sluice.devstack.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.sluice.devstack.postgres.DemoDatabase;
import dev.sluice.devstack.postgres.PostgresServer;

/**
 * The launcher behind {@code ./sluice}: {@code up} runs the local stack (see
 * {@link LocalStack}), {@code demo-db} (re)loads the demo data only. The repository root
 * comes from the system property {@code sluice.home} (the script sets it), else the
 * working directory.
 *
 * <pre>
 * ./sluice up --workers 3
 * ./sluice demo-db --scale 0.1
 * </pre>
 */
public final class Stack {

	private Stack() {
	}

	public static void main(String[] args) {
		Path home = Path.of(System.getProperty("sluice.home", ".")).toAbsolutePath().normalize();
		System.exit(run(List.of(args), home, System.getenv(), System.out));
	}

	private static int run(List<String> args, Path home, Map<String, String> environment, PrintStream out) {
		StackOptions options;
		try {
			options = StackOptions.parse(args, home, environment);
		}
		catch (IllegalArgumentException ex) {
			out.println(ex.getMessage() + "\n");
			out.print(StackOptions.USAGE);
			return 2;
		}
		return switch (options.command()) {
			case "up" -> new LocalStack(options, new Console(out, nameWidth(options)), environment).up();
			case "demo-db" -> demoDatabase(options, out);
			default -> {
				out.print(StackOptions.USAGE);
				yield 0;
			}
		};
	}

	private static int demoDatabase(StackOptions options, PrintStream out) {
		PostgresServer server = PostgresServer.fromEnvironment();
		DemoDatabase demo = DemoDatabase.on(server, options.database());
		StopSignals.install(() -> Runtime.getRuntime().halt(130)).onStop(demo::cancel);
		DriverManager.setLoginTimeout(5);
		out.println("Loading the demo data into " + demo.name() + " on " + server + " at scale "
				+ DemoDatabase.formatScale(options.scale()));
		try {
			Duration took = demo.load(options.scale(), (line) -> out.println("  " + line));
			out.println(String.format(Locale.ROOT, "Loaded %d orders in %.1f s", demo.estimatedOrders(),
					took.toMillis() / 1000.0));
			return 0;
		}
		catch (IllegalStateException ex) {
			out.println("FAILED: " + PostgresAdvice.explain(ex, server));
			return 1;
		}
	}

	private static int nameWidth(StackOptions options) {
		return Math.max("ingress".length(), ("worker-" + options.workers()).length());
	}

}
