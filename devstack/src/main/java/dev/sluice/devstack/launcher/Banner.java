package dev.sluice.devstack.launcher;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

/**
 * What {@code ./sluice up} prints once everything is ready: where things are and how to
 * try them.
 */
final class Banner {

	private final StackOptions options;

	private final String database;

	private final @Nullable DemoKey key;

	private final Duration appsReady;

	private final Duration total;

	/**
	 * The banner of one run.
	 * @param options the run's options
	 * @param database the demo database's name
	 * @param key the demo client's API key, or {@code null} on an open ingress
	 * @param appsReady from starting the ingress and the workers until every one was
	 * ready
	 * @param total from the launcher's start until then, the demo data load included
	 */
	Banner(StackOptions options, String database, @Nullable DemoKey key, Duration appsReady, Duration total) {
		this.options = options;
		this.database = database;
		this.key = key;
		this.appsReady = appsReady;
		this.total = total;
	}

	void print(Console console) {
		String ingress = "http://127.0.0.1:" + this.options.port();
		String workers = IntStream.rangeClosed(1, this.options.workers())
			.mapToObj((n) -> "http://127.0.0.1:" + this.options.workerPort(n))
			.collect(Collectors.joining(", "));
		console
			.say("""

					Sluice is up after %5$s s (apps ready in %6$s s; every partition of sluice.queries has a worker).
					  ingress      %1$s   (catalog: %1$s/v1/catalog)
					  workers      %2$s
					  Kafka        %3$s
					  PostgreSQL   database %4$s
					  metrics      /actuator/prometheus on every port above
					%7$s
					Try it (submit, poll, stream):
					  %8$s
					  id=$(curl -s %1$s/v1/queries -H "Authorization: Bearer $SLUICE_KEY" -H 'Content-Type: application/json' -d '{"query":"customer_orders","params":{"customerId":42}}' | grep -o '"id" *: *"[^"]*"' | head -1 | cut -d'"' -f4); echo $id
					  curl -s -H "Authorization: Bearer $SLUICE_KEY" -H 'Prefer: wait=5' %1$s/v1/queries/$id
					  curl -sN -H "Authorization: Bearer $SLUICE_KEY" %1$s/v1/queries/$id/events

					Ctrl-C stops everything (twice: kill at once).
					"""
				.formatted(ingress, workers, kafka(), this.database, seconds(this.total), seconds(this.appsReady),
						keyLine(), exportLine()));
	}

	private String keyLine() {
		return (this.key == null) ? "  API keys     none: SLUICE_SECURITY_MODE=open, anyone on this machine may call\n"
				: "  API key      " + this.key.key() + "   (client '" + DemoKey.CLIENT + "'; kept in "
						+ this.options.dataDir().resolve("demo-key") + ")\n";
	}

	private String exportLine() {
		return (this.key == null) ? "SLUICE_KEY=none   # any key is ignored on an open ingress"
				: "export SLUICE_KEY=" + this.key.key();
	}

	private String kafka() {
		String servers = this.options.kafkaBootstrapServers();
		return (this.options.brokers() == 1) ? servers : servers + "   (" + this.options.brokers()
				+ " KRaft nodes; replication factor 3, min.insync.replicas 2)";
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
	}

}
