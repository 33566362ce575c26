package dev.sluice.worker.consume;

import java.time.Duration;
import java.util.Locale;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.QueryState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The worker's own meters, under the names the whole fleet shares. Every meter is tagged
 * with the catalog query name ({@code query}); names a worker does not know are counted
 * as {@value #UNKNOWN} to keep the tag's cardinality bounded by the catalog.
 */
final class QueryMetrics {

	static final String UNKNOWN = "unknown";

	private static final Duration MIN_EXPECTED = Duration.ofMillis(1);

	private static final Duration MAX_EXPECTED = Duration.ofMinutes(5);

	/**
	 * The latency SLO the burn-rate alerts measure against needs a bucket exactly here.
	 */
	private static final Duration END_TO_END_OBJECTIVE = Duration.ofSeconds(5);

	private final MeterRegistry registry;

	private final Counter deadLetters;

	QueryMetrics(MeterRegistry registry) {
		this.registry = registry;
		// Registered up front so that alerting sees 0, not an absent series.
		this.deadLetters = Counter.builder("sluice.dead.letters")
			.description("Records of sluice.queries sent to sluice.queries.dlt")
			.register(registry);
	}

	void deadLetter() {
		this.deadLetters.increment();
	}

	/** An execution really reached the database: the DB QPS. */
	void databaseQuery(String query) {
		Counter.builder("sluice.db.queries")
			.description("Executions that reached the database")
			.tag("query", query)
			.register(this.registry)
			.increment();
	}

	void cacheLookup(String query, CacheOutcome outcome) {
		Counter.builder("sluice.cache.lookups")
			.description("Result cache lookups by outcome")
			.tag("query", query)
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
		if (outcome == CacheOutcome.COALESCED) {
			Counter.builder("sluice.queries.coalesced")
				.description("Queries that shared an identical execution in flight")
				.tag("query", query)
				.register(this.registry)
				.increment();
		}
	}

	/** Submit to start: how long the query waited in the queue. */
	void started(String query, Duration waited) {
		timer("sluice.query.wait", "Time from submission to start", query).record(positive(waited));
	}

	void executed(String query, Duration took) {
		timer("sluice.query.execution", "Time the database took", query).record(positive(took));
	}

	/** A terminal status was acknowledged by Kafka. */
	void terminal(String query, QueryState state, Duration endToEnd) {
		String stateTag = state.name().toLowerCase(Locale.ROOT);
		Counter.builder("sluice.queries.terminal")
			.description("Queries that reached a terminal state")
			.tag("query", query)
			.tag("state", stateTag)
			.register(this.registry)
			.increment();
		Timer.builder("sluice.query.end.to.end")
			.description("Time from submission to the terminal state")
			.tag("query", query)
			.tag("state", stateTag)
			.publishPercentileHistogram()
			.serviceLevelObjectives(END_TO_END_OBJECTIVE)
			.minimumExpectedValue(MIN_EXPECTED)
			.maximumExpectedValue(MAX_EXPECTED)
			.register(this.registry)
			.record(positive(endToEnd));
	}

	private Timer timer(String name, String description, String query) {
		return Timer.builder(name)
			.description(description)
			.tag("query", query)
			.publishPercentileHistogram()
			.minimumExpectedValue(MIN_EXPECTED)
			.maximumExpectedValue(MAX_EXPECTED)
			.register(this.registry);
	}

	/** Clocks of different hosts disagree a little; a negative wait is a zero wait. */
	private static Duration positive(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

}
