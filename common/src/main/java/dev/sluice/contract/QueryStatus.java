package dev.sluice.contract;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The status document of a query: what {@code GET /v1/queries/{id}} answers and what
 * every {@link Topics#RESULTS} record carries, one record per state change.
 *
 * @param id the query id
 * @param query the catalog name of the query
 * @param client the name of the client that submitted it
 * ({@link QuerySubmitted#client()}); only that client may read or cancel it. {@code null}
 * in statuses written before clients were named
 * @param state the current state
 * @param submittedAt when the ingress accepted the query
 * @param expectedStartAt on {@link QueryState#QUEUED} only: when the accepting ingress
 * expected a worker to start the query, {@code submittedAt} plus the queue's expected
 * wait at that moment; {@code null} when it could not tell (no recent measurement of the
 * queue, or no worker consuming), and in every later state, which has {@code startedAt}
 * @param startedAt when a worker started it, or {@code null}
 * @param completedAt when it reached a terminal state, or {@code null}
 * @param cache how the result was obtained, or {@code null} before it is known
 * @param result the rows, only on {@link QueryState#SUCCEEDED}, otherwise {@code null}
 * @param error why it did not succeed, on the other terminal states, otherwise
 * {@code null}
 */
public record QueryStatus(String id, String query, @Nullable String client, QueryState state, Instant submittedAt,
		@Nullable Instant expectedStartAt, @Nullable Instant startedAt, @Nullable Instant completedAt,
		@Nullable CacheOutcome cache, @Nullable QueryResult result, @Nullable QueryError error) {

	/**
	 * A status of no named client.
	 */
	public QueryStatus(String id, String query, QueryState state, Instant submittedAt,
			@Nullable Instant expectedStartAt, @Nullable Instant startedAt, @Nullable Instant completedAt,
			@Nullable CacheOutcome cache, @Nullable QueryResult result, @Nullable QueryError error) {
		this(id, query, null, state, submittedAt, expectedStartAt, startedAt, completedAt, cache, result, error);
	}

	/**
	 * The first status of an accepted query.
	 * @param submitted the accepted query
	 * @return its {@link QueryState#QUEUED} status, with no expected start
	 */
	public static QueryStatus queued(QuerySubmitted submitted) {
		return queued(submitted, null);
	}

	/**
	 * The first status of an accepted query.
	 * @param submitted the accepted query
	 * @param expectedStartAt when a worker is expected to start it, or {@code null}
	 * @return its {@link QueryState#QUEUED} status
	 */
	public static QueryStatus queued(QuerySubmitted submitted, @Nullable Instant expectedStartAt) {
		return new QueryStatus(submitted.id(), submitted.query(), submitted.client(), QueryState.QUEUED,
				submitted.submittedAt(), expectedStartAt, null, null, null, null, null);
	}

	public QueryStatus running(Instant at) {
		return new QueryStatus(this.id, this.query, this.client, QueryState.RUNNING, this.submittedAt, null, at, null,
				null, null, null);
	}

	/**
	 * The status of a query that succeeded.
	 * @param at when it ended
	 * @param cache how the rows were obtained
	 * @param result the rows, or {@code null} when they travel encoded already (see
	 * {@link EncodedStatus#of(QueryStatus, EncodedResult)})
	 * @return the {@link QueryState#SUCCEEDED} status
	 */
	public QueryStatus succeeded(Instant at, CacheOutcome cache, @Nullable QueryResult result) {
		return new QueryStatus(this.id, this.query, this.client, QueryState.SUCCEEDED, this.submittedAt, null,
				startedOr(at), at, cache, result, null);
	}

	/**
	 * A terminal status without rows.
	 * @param state {@link QueryState#FAILED}, {@link QueryState#CANCELED} or
	 * {@link QueryState#EXPIRED}
	 * @param at when it ended
	 * @param error why
	 * @return the terminal status
	 */
	public QueryStatus ended(QueryState state, Instant at, QueryError error) {
		if (!state.isTerminal() || state == QueryState.SUCCEEDED) {
			throw new IllegalArgumentException("ended() takes FAILED, CANCELED or EXPIRED, not " + state);
		}
		return new QueryStatus(this.id, this.query, this.client, state, this.submittedAt, null, this.startedAt, at,
				this.cache, null, error);
	}

	private Instant startedOr(Instant at) {
		return (this.startedAt != null) ? this.startedAt : at;
	}

}
