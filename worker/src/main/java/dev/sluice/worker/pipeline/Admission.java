package dev.sluice.worker.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import dev.sluice.catalog.InvalidParametersException;
import dev.sluice.contract.QueryError;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.RoutingKey;

/**
 * Decides, without touching the database, whether a submitted query may start: it must
 * name a query of this worker's catalog, carry valid parameters, not be cancelled and not
 * be past its deadline.
 */
final class Admission {

	static final String UNKNOWN_QUERY = "UNKNOWN_QUERY";

	static final String INVALID_PARAMS = "INVALID_PARAMS";

	static final String CANCELED = "CANCELED";

	static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";

	private final Catalog catalog;

	private final Predicate<String> isCanceled;

	/**
	 * @param catalog this worker's catalog
	 * @param isCanceled whether a query id was cancelled
	 */
	Admission(Catalog catalog, Predicate<String> isCanceled) {
		this.catalog = catalog;
		this.isCanceled = isCanceled;
	}

	/**
	 * Check a submitted query.
	 * @param submitted the query
	 * @param now the current time
	 * @return {@link Admitted} with the typed parameters and cache key, or
	 * {@link Rejected} with the terminal status to publish
	 */
	Decision admit(QuerySubmitted submitted, Instant now) {
		QueryStatus queued = QueryStatus.queued(submitted);
		Optional<CatalogQuery> found = this.catalog.find(submitted.query());
		if (found.isEmpty()) {
			return reject(queued, QueryState.FAILED, now, UNKNOWN_QUERY,
					"query '" + submitted.query() + "' is not in this worker's catalog");
		}
		CatalogQuery query = found.get();
		Map<String, Object> values;
		try {
			values = query.bind(submitted.params());
		}
		catch (InvalidParametersException ex) {
			return reject(queued, QueryState.FAILED, now, INVALID_PARAMS,
					ex.errors()
						.stream()
						.map((error) -> error.field() + ": " + error.message())
						.collect(Collectors.joining("; ")));
		}
		if (this.isCanceled.test(submitted.id())) {
			return reject(queued, QueryState.CANCELED, now, CANCELED, "cancelled before it started");
		}
		if (now.isAfter(submitted.deadline())) {
			return reject(queued, QueryState.EXPIRED, now, DEADLINE_EXCEEDED, expiredMessage(submitted, now));
		}
		return new Admitted(query, values, RoutingKey.of(query.name(), query.toWire(values)));
	}

	/**
	 * The {@code query} tag for meters: the catalog name, or
	 * {@value QueryMetrics#UNKNOWN} for names this worker does not know, so that clients
	 * cannot create meters at will.
	 * @param queryName the submitted name
	 * @return the tag value
	 */
	String metricTag(String queryName) {
		return (queryName != null && this.catalog.find(queryName).isPresent()) ? queryName : QueryMetrics.UNKNOWN;
	}

	private static Rejected reject(QueryStatus queued, QueryState state, Instant now, String code, String message) {
		return new Rejected(queued.ended(state, now, new QueryError(code, message)));
	}

	static String expiredMessage(QuerySubmitted submitted, Instant now) {
		return "waited " + seconds(Duration.between(submitted.submittedAt(), now))
				+ " in the queue, past its deadline of "
				+ seconds(Duration.between(submitted.submittedAt(), submitted.deadline())) + " after submission";
	}

	private static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	/** The outcome of {@link #admit}. */
	sealed interface Decision {

	}

	/**
	 * The query may start.
	 *
	 * @param query the catalog entry
	 * @param values the typed parameters, defaults applied
	 * @param routingKey the cache key
	 */
	record Admitted(CatalogQuery query, Map<String, Object> values, String routingKey) implements Decision {
	}

	/**
	 * The query ends without starting.
	 *
	 * @param status its terminal status
	 */
	record Rejected(QueryStatus status) implements Decision {
	}

}
