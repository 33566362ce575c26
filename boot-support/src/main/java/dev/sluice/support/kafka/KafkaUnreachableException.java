package dev.sluice.support.kafka;

import java.time.Duration;
import java.util.List;

import dev.sluice.support.Causes;

/**
 * No Kafka broker answered at start-up. Thrown by an app's start-up check, and reported
 * by {@link KafkaUnreachableFailureAnalyzer} as one message saying what to start, instead
 * of a stack trace.
 */
public class KafkaUnreachableException extends RuntimeException {

	private final List<String> bootstrapServers;

	/**
	 * @param bootstrapServers the servers that were tried
	 * @param waited how long the check waited for an answer
	 * @param cause why it failed; its innermost message is quoted
	 */
	public KafkaUnreachableException(List<String> bootstrapServers, Duration waited, Throwable cause) {
		super("Kafka is not reachable at " + String.join(",", bootstrapServers) + ": no broker answered within "
				+ waited.toSeconds() + " s (" + Causes.rootMessage(cause) + ")", cause);
		this.bootstrapServers = List.copyOf(bootstrapServers);
	}

	List<String> bootstrapServers() {
		return this.bootstrapServers;
	}

}
