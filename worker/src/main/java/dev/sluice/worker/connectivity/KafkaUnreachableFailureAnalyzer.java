package dev.sluice.worker.connectivity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains {@link KafkaUnreachableException} instead of a stack trace.
 */
class KafkaUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<KafkaUnreachableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, KafkaUnreachableException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Start the local stack with './sluice up', or set SPRING_KAFKA_BOOTSTRAP_SERVERS "
						+ "(spring.kafka.bootstrap-servers) to brokers this worker can reach.",
				cause);
	}

}
