package dev.sluice.devstack;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What {@code ./sluice up} prints once everything is ready: where things are and how to
 * try them.
 */
final class Banner {

	private final StackOptions options;

	private final String database;

	Banner(StackOptions options, String database) {
		this.options = options;
		this.database = database;
	}

	void print(Console console) {
		String ingress = "http://127.0.0.1:" + this.options.port();
		String workers = IntStream.rangeClosed(1, this.options.workers())
			.mapToObj((n) -> "http://127.0.0.1:" + this.options.workerPort(n))
			.collect(Collectors.joining(", "));
		console
			.say("""

					Sluice is up.
					  ingress      %1$s   (catalog: %1$s/v1/catalog)
					  workers      %2$s
					  Kafka        127.0.0.1:%3$d
					  PostgreSQL   database %4$s
					  metrics      /actuator/prometheus on every port above

					Try it (submit, poll, stream):
					  id=$(curl -s %1$s/v1/queries -H 'Content-Type: application/json' -d '{"query":"customer_orders","params":{"customerId":42}}' | grep -o '"id" *: *"[^"]*"' | head -1 | cut -d'"' -f4); echo $id
					  curl -s -H 'Prefer: wait=5' %1$s/v1/queries/$id
					  curl -sN %1$s/v1/queries/$id/events

					Ctrl-C stops everything (twice: kill at once).
					"""
				.formatted(ingress, workers, this.options.kafkaPort(), this.database));
	}

}
