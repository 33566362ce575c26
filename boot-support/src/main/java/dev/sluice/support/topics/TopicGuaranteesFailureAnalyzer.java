package dev.sluice.support.topics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link TopicGuaranteesException} into a start-up failure report listing each
 * topic at fault and its fix, instead of a stack trace. Registered for both apps in this
 * module's {@code META-INF/spring.factories}.
 */
class TopicGuaranteesFailureAnalyzer extends AbstractFailureAnalyzer<TopicGuaranteesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TopicGuaranteesException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix each topic as its line says, or change sluice.topics.replication-factor "
						+ "(SLUICE_TOPICS_REPLICATION_FACTOR; auto = as many replicas as brokers, up to 3). "
						+ "docs/design.md, 'Replication', says what each setting guarantees.",
				cause);
	}

}
