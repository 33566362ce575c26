package dev.sluice.support.topics;

import java.util.List;

/**
 * Sluice's topics in the cluster do not give the guarantees configured, or cannot be
 * created as configured. Reported by {@link TopicGuaranteesFailureAnalyzer} as the list
 * of faults, each saying what to do.
 */
public class TopicGuaranteesException extends RuntimeException {

	private final List<String> problems;

	TopicGuaranteesException(List<String> problems) {
		super("Sluice's topics do not give the configured guarantees:\n - " + String.join("\n - ", problems));
		this.problems = List.copyOf(problems);
	}

	List<String> problems() {
		return this.problems;
	}

}
