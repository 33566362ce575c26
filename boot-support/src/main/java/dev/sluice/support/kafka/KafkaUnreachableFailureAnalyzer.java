package dev.sluice.support.kafka;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link KafkaUnreachableException} into a start-up failure report that says which
 * bootstrap servers were tried and how to get a broker there. Registered for both apps in
 * this module's {@code META-INF/spring.factories}.
 */
class KafkaUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<KafkaUnreachableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KafkaUnreachableException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Start the local stack with ./sluice up, or point SPRING_KAFKA_BOOTSTRAP_SERVERS "
						+ "(spring.kafka.bootstrap-servers, now " + String.join(",", cause.bootstrapServers())
						+ ") at brokers this app can reach.",
				cause);
	}

}
