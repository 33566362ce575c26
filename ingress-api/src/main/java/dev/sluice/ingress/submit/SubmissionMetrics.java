package dev.sluice.ingress.submit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts submissions as {@code sluice.submissions}, tagged {@code outcome}
 * ({@code accepted}, {@code rejected}), {@code reason} ({@code ok}, {@code invalid},
 * {@code unknown_query}, {@code kafka_unavailable}, {@code too_large},
 * {@code queue_full}, {@code forbidden}: outside the client's scope) and {@code query}
 * (the catalog name, or {@code unknown}, so client typos cannot grow the tag set).
 * Replays of an {@code Idempotency-Key} are not counted: {@code accepted} counts what was
 * queued.
 *
 * <p>
 * Each counter is registered once, on its first use, and then found in a map: a
 * registration per request would build and look up the meter's id every time.
 */
class SubmissionMetrics {

	static final String NAME = "sluice.submissions";

	private final MeterRegistry registry;

	private final ConcurrentMap<Tags, Counter> counters = new ConcurrentHashMap<>();

	SubmissionMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void accepted(String query) {
		count(new Tags("accepted", "ok", query));
	}

	void rejected(String reason, String query) {
		count(new Tags("rejected", reason, query));
	}

	private void count(Tags tags) {
		Counter counter = this.counters.get(tags);
		if (counter == null) {
			counter = this.counters.computeIfAbsent(tags, this::register);
		}
		counter.increment();
	}

	private Counter register(Tags tags) {
		return Counter.builder(NAME)
			.description("Query submissions by outcome")
			.tag("outcome", tags.outcome())
			.tag("reason", tags.reason())
			.tag("query", tags.query())
			.register(this.registry);
	}

	private record Tags(String outcome, String reason, String query) {
	}

}
