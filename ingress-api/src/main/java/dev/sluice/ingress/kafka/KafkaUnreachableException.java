package dev.sluice.ingress.kafka;

import java.time.Duration;

/**
 * Kafka could not be reached at start-up; reported by
 * {@link KafkaUnreachableFailureAnalyzer} as one clear line instead of a stack trace.
 */
class KafkaUnreachableException extends RuntimeException {

	private final String bootstrapServers;

	KafkaUnreachableException(String bootstrapServers, Duration waited, Throwable cause) {
		super("Kafka is not reachable at " + bootstrapServers + " (no answer within " + waited.toSeconds() + " s)",
				cause);
		this.bootstrapServers = bootstrapServers;
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

}
