package dev.sluice.worker.pipeline;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.QueryState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The worker's own meters, under the names the whole fleet shares. Every meter is tagged
 * with the catalog query name ({@code query}); names a worker does not know are counted
 * as {@value #UNKNOWN} to keep the tag's cardinality bounded by the catalog.
 * <p>
 * A meter is registered the first time it is used and then kept here, per query and tag,
 * so that recording costs a map lookup rather than building an id and looking it up in
 * the registry for every query.
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

	private final ConcurrentMap<String, QueryMeters> byQuery = new ConcurrentHashMap<>();

	QueryMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** An execution really reached the database: the DB QPS. */
	void databaseQuery(String query) {
		meters(query).databaseQueries.get().increment();
	}

	void cacheLookup(String query, CacheOutcome outcome) {
		QueryMeters meters = meters(query);
		meters.lookups.get(outcome.ordinal()).get().increment();
		if (outcome == CacheOutcome.COALESCED) {
			meters.coalesced.get().increment();
		}
	}

	/** Submit to start: how long the query waited in the queue. */
	void started(String query, Duration waited) {
		meters(query).waits.get().record(positive(waited));
	}

	void executed(String query, Duration took) {
		meters(query).executions.get().record(positive(took));
	}

	/** A terminal status was acknowledged by Kafka. */
	void terminal(String query, QueryState state, Duration endToEnd) {
		QueryMeters meters = meters(query);
		meters.terminals.get(state.ordinal()).get().increment();
		meters.endToEnd.get(state.ordinal()).get().record(positive(endToEnd));
	}

	private QueryMeters meters(String query) {
		QueryMeters meters = this.byQuery.get(query);
		return (meters != null) ? meters : this.byQuery.computeIfAbsent(query, QueryMeters::new);
	}

	/** Clocks of different hosts disagree a little; a negative wait is a zero wait. */
	private static Duration positive(Duration duration) {
		return duration.isNegative() ? Duration.ZERO : duration;
	}

	private static String lowerCase(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	/** The meters of one {@code query} tag, each registered on first use. */
	private final class QueryMeters {

		final Lazy<Counter> databaseQueries;

		final Lazy<Counter> coalesced;

		final Lazy<Timer> waits;

		final Lazy<Timer> executions;

		/** Indexed by {@link CacheOutcome#ordinal()}. */
		final List<Lazy<Counter>> lookups;

		/** Indexed by {@link QueryState#ordinal()}. */
		final List<Lazy<Counter>> terminals;

		/** Indexed by {@link QueryState#ordinal()}. */
		final List<Lazy<Timer>> endToEnd;

		QueryMeters(String query) {
			this.databaseQueries = new Lazy<>(() -> Counter.builder("sluice.db.queries")
				.description("Executions that reached the database")
				.tag("query", query)
				.register(QueryMetrics.this.registry));
			this.coalesced = new Lazy<>(() -> Counter.builder("sluice.queries.coalesced")
				.description("Queries that shared an identical execution in flight")
				.tag("query", query)
				.register(QueryMetrics.this.registry));
			this.waits = new Lazy<>(() -> timer("sluice.query.wait", "Time from submission to start", query));
			this.executions = new Lazy<>(() -> timer("sluice.query.execution", "Time the database took", query));
			this.lookups = Stream.of(CacheOutcome.values())
				.map((outcome) -> new Lazy<>(() -> Counter.builder("sluice.cache.lookups")
					.description("Result cache lookups by outcome")
					.tag("query", query)
					.tag("outcome", lowerCase(outcome))
					.register(QueryMetrics.this.registry)))
				.toList();
			this.terminals = Stream.of(QueryState.values())
				.map((state) -> new Lazy<>(() -> Counter.builder("sluice.queries.terminal")
					.description("Queries that reached a terminal state")
					.tag("query", query)
					.tag("state", lowerCase(state))
					.register(QueryMetrics.this.registry)))
				.toList();
			this.endToEnd = Stream.of(QueryState.values())
				.map((state) -> new Lazy<>(() -> Timer.builder("sluice.query.end.to.end")
					.description("Time from submission to the terminal state")
					.tag("query", query)
					.tag("state", lowerCase(state))
					.publishPercentileHistogram()
					.serviceLevelObjectives(END_TO_END_OBJECTIVE)
					.minimumExpectedValue(MIN_EXPECTED)
					.maximumExpectedValue(MAX_EXPECTED)
					.register(QueryMetrics.this.registry)))
				.toList();
		}

		private Timer timer(String name, String description, String query) {
			return Timer.builder(name)
				.description(description)
				.tag("query", query)
				.publishPercentileHistogram()
				.minimumExpectedValue(MIN_EXPECTED)
				.maximumExpectedValue(MAX_EXPECTED)
				.register(QueryMetrics.this.registry);
		}

	}

	/**
	 * A meter registered when first asked for. Two threads asking at once may both
	 * register it; the registry hands both the same meter.
	 */
	private static final class Lazy<M> {

		private final Supplier<M> register;

		private volatile M meter;

		Lazy(Supplier<M> register) {
			this.register = register;
		}

		M get() {
			M registered = this.meter;
			if (registered == null) {
				registered = this.register.get();
				this.meter = registered;
			}
			return registered;
		}

	}

}
