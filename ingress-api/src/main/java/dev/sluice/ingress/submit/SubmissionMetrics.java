package dev.sluice.ingress.submit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.sluice.ingress.clients.Client;
import dev.sluice.ingress.clients.ClientMetrics;
import dev.sluice.ingress.clients.ClientMetrics.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts submissions as {@code sluice.submissions}, tagged {@code outcome}
 * ({@code accepted}, {@code rejected}), {@code reason} ({@code ok}, or a
 * {@link Rejection} in lower case) and {@code query} (the catalog name, or
 * {@code unknown}, so client typos cannot grow the tag set). Replays of an
 * {@code Idempotency-Key} are not counted: {@code accepted} counts what was queued. Each
 * is also counted per client ({@link ClientMetrics}).
 *
 * <p>
 * Each counter is registered once, on its first use, and then found in a map: a
 * registration per request would build and look up the meter's id every time.
 */
class SubmissionMetrics {

	static final String NAME = "sluice.submissions";

	private final MeterRegistry registry;

	private final ClientMetrics clients;

	private final ConcurrentMap<Tags, Counter> counters = new ConcurrentHashMap<>();

	SubmissionMetrics(MeterRegistry registry, ClientMetrics clients) {
		this.registry = registry;
		this.clients = clients;
	}

	void accepted(Client client, String query) {
		count(new Tags("accepted", "ok", query));
		this.clients.count(client, Outcome.ACCEPTED);
	}

	void rejected(Client client, Rejection reason, String query) {
		count(new Tags("rejected", reason.tag(), query));
		this.clients.count(client, reason.clientOutcome());
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
