package dev.sluice.worker.connectivity;

import java.time.Duration;
import java.util.List;

/**
 * No Kafka broker answered at start-up.
 */
class KafkaUnreachableException extends RuntimeException {

	private final List<String> bootstrapServers;

	KafkaUnreachableException(List<String> bootstrapServers, Duration waited, Throwable cause) {
		super("Kafka is not reachable at " + String.join(",", bootstrapServers) + ": no broker answered within "
				+ waited.toSeconds() + " s (" + Causes.rootMessage(cause) + ")", cause);
		this.bootstrapServers = List.copyOf(bootstrapServers);
	}

	List<String> bootstrapServers() {
		return this.bootstrapServers;
	}

}
