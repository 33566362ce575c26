package dev.sluice.ingress.submit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts submissions as {@code sluice.submissions}, tagged {@code outcome}
 * ({@code accepted}, {@code rejected}), {@code reason} ({@code ok}, {@code invalid},
 * {@code unknown_query}, {@code kafka_unavailable}, {@code too_large}) and {@code query}
 * (the catalog name, or {@code unknown}, so client typos cannot grow the tag set).
 * Replays of an {@code Idempotency-Key} are not counted: {@code accepted} counts what was
 * queued.
 */
@Component
class SubmissionMetrics {

	static final String NAME = "sluice.submissions";

	private final MeterRegistry registry;

	SubmissionMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void accepted(String query) {
		count("accepted", "ok", query);
	}

	void rejected(String reason, String query) {
		count("rejected", reason, query);
	}

	private void count(String outcome, String reason, String query) {
		Counter.builder(NAME)
			.description("Query submissions by outcome")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.tag("query", query)
			.register(this.registry)
			.increment();
	}

}
