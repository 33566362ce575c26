package dev.sluice.contract;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Everything a reader needs to index a {@link QueryStatus} without its rows or error
 * text: what the {@link Topics#RESULTS} record headers carry (see {@link StatusHeaders}),
 * so that an ingress can keep, order and route a status without decoding its value.
 *
 * @param id the query id
 * @param query the catalog name of the query
 * @param state the state of this status
 * @param submittedAt when the ingress accepted the query
 * @param startedAt when a worker started it, or {@code null}
 * @param completedAt when it reached a terminal state, or {@code null}
 * @param cache how the result was obtained, or {@code null} before it is known
 * @param errorCode the {@link QueryError#code()} of a terminal status other than
 * {@link QueryState#SUCCEEDED}, or {@code null}
 * @param client the name of the client that submitted it, or {@code null}
 */
public record StatusHead(String id, String query, QueryState state, Instant submittedAt, @Nullable Instant startedAt,
		@Nullable Instant completedAt, @Nullable CacheOutcome cache, @Nullable String errorCode,
		@Nullable String client) {

	/**
	 * The head of a status of no named client.
	 */
	public StatusHead(String id, String query, QueryState state, Instant submittedAt, @Nullable Instant startedAt,
			@Nullable Instant completedAt, @Nullable CacheOutcome cache, @Nullable String errorCode) {
		this(id, query, state, submittedAt, startedAt, completedAt, cache, errorCode, null);
	}

	/**
	 * The head of a status document.
	 * @param status the status
	 * @return its head
	 */
	public static StatusHead of(QueryStatus status) {
		return new StatusHead(status.id(), status.query(), status.state(), status.submittedAt(), status.startedAt(),
				status.completedAt(), status.cache(), (status.error() != null) ? status.error().code() : null,
				status.client());
	}

}
