package dev.sluice.ingress.clients;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts submissions per client as {@code sluice.client.submissions}, tagged
 * {@code client} (a name from the keys file, {@code open} on an open ingress, or
 * {@code unknown} for a request without a valid key, so the tag set stays bounded by the
 * file) and {@code outcome} (see {@link Outcome}).
 */
public final class ClientMetrics {

	static final String NAME = "sluice.client.submissions";

	static final String UNKNOWN = "unknown";

	private final MeterRegistry registry;

	private final ConcurrentMap<Tags, Counter> counters = new ConcurrentHashMap<>();

	public ClientMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Count one submission.
	 * @param client who sent it
	 * @param outcome what became of it
	 */
	public void count(Client client, Outcome outcome) {
		count(client.name(), outcome);
	}

	void countUnauthorized() {
		count(UNKNOWN, Outcome.UNAUTHORIZED);
	}

	private void count(String client, Outcome outcome) {
		Tags tags = new Tags(client, outcome);
		Counter counter = this.counters.get(tags);
		if (counter == null) {
			counter = this.counters.computeIfAbsent(tags, this::register);
		}
		counter.increment();
	}

	private Counter register(Tags tags) {
		return Counter.builder(NAME)
			.description("Query submissions per client, by outcome")
			.tag("client", tags.client())
			.tag("outcome", tags.outcome().tag())
			.register(this.registry);
	}

	/** What became of a submission. */
	public enum Outcome {

		/** Queued. */
		ACCEPTED,
		/** Refused, 429: over the client's rate. */
		RATE_LIMITED,
		/** Refused, 429: the client has as many queries in flight as it may. */
		OVER_CAPACITY,
		/** Refused, 401: no key, or a key no client has. */
		UNAUTHORIZED,
		/** Refused, 403: a query outside the client's scope. */
		FORBIDDEN,
		/** Refused for any other reason: invalid, queue full, Kafka unavailable. */
		REFUSED;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	private record Tags(String client, Outcome outcome) {
	}

}
