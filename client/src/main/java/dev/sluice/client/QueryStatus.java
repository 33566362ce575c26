package dev.sluice.client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The status of a query as the server last reported it: its state and, once it has ended,
 * its rows or its error.
 *
 * <pre>{@code
 * QueryStatus status = handle.await(Duration.ofSeconds(10));
 * switch (status.state()) {
 *     case SUCCEEDED -> status.rows().forEach(this::print);
 *     case FAILED, CANCELED, EXPIRED -> log.warn("{} ended {}: {}", status.id(), status.state(),
 *             status.error().orElseThrow().message());
 *     default -> log.info("{} is still {}", status.id(), status.state());
 * }
 * }</pre>
 *
 * Immutable; its lists are unmodifiable.
 */
public final class QueryStatus {

	private final String id;

	private final String query;

	private final @Nullable String client;

	private final QueryState state;

	private final Instant submittedAt;

	private final @Nullable Instant expectedStartAt;

	private final @Nullable Instant startedAt;

	private final @Nullable Instant completedAt;

	private final @Nullable CacheOutcome cache;

	private final @Nullable Result result;

	private final @Nullable QueryError error;

	QueryStatus(String id, String query, @Nullable String client, QueryState state, Instant submittedAt,
			@Nullable Instant expectedStartAt, @Nullable Instant startedAt, @Nullable Instant completedAt,
			@Nullable CacheOutcome cache, @Nullable Result result, @Nullable QueryError error) {
		this.id = id;
		this.query = query;
		this.client = client;
		this.state = state;
		this.submittedAt = submittedAt;
		this.expectedStartAt = expectedStartAt;
		this.startedAt = startedAt;
		this.completedAt = completedAt;
		this.cache = cache;
		this.result = result;
		this.error = error;
	}

	/**
	 * @return the query id: {@code q_} and 26 characters
	 */
	public String id() {
		return this.id;
	}

	/**
	 * @return the catalog name of the query
	 */
	public String query() {
		return this.query;
	}

	/**
	 * @return the name of the client that submitted it, as its API key names it
	 * ({@code open} on an ingress without keys), or empty from a server that does not say
	 */
	public Optional<String> client() {
		return Optional.ofNullable(this.client);
	}

	public QueryState state() {
		return this.state;
	}

	/**
	 * @return whether the query has ended; its status will not change again
	 */
	public boolean isTerminal() {
		return this.state.isTerminal();
	}

	/**
	 * @return when the server accepted the query
	 */
	public Instant submittedAt() {
		return this.submittedAt;
	}

	/**
	 * When the server expected a worker to start the query, from its estimate of the
	 * queue when it accepted it.
	 * @return the expected start, on {@link QueryState#QUEUED} only, and only when the
	 * server could tell
	 */
	public Optional<Instant> expectedStartAt() {
		return Optional.ofNullable(this.expectedStartAt);
	}

	/**
	 * @return when a worker started the query, once one has
	 */
	public Optional<Instant> startedAt() {
		return Optional.ofNullable(this.startedAt);
	}

	/**
	 * @return when the query ended, once it has
	 */
	public Optional<Instant> completedAt() {
		return Optional.ofNullable(this.completedAt);
	}

	/**
	 * @return how the result was obtained, once known
	 */
	public Optional<CacheOutcome> cache() {
		return Optional.ofNullable(this.cache);
	}

	/**
	 * @return why the query did not succeed, on {@link QueryState#FAILED},
	 * {@link QueryState#CANCELED} and {@link QueryState#EXPIRED}
	 */
	public Optional<QueryError> error() {
		return Optional.ofNullable(this.error);
	}

	/**
	 * The columns of the result.
	 * @return the columns, in select-list order
	 * @throws IllegalStateException unless the query {@link QueryState#SUCCEEDED}
	 */
	public List<Column> columns() {
		return result().columns();
	}

	/**
	 * The rows of the result, each a list of values in column order, converted by the
	 * column's type:
	 * <ul>
	 * <li>{@code int2}, {@code int4}, {@code int8} → {@link Long}; {@code float4},
	 * {@code float8} → {@link Double};
	 * <li>{@code numeric} → {@link java.math.BigDecimal} ({@link Double} for {@code NaN}
	 * and the infinities);
	 * <li>{@code bool} → {@link Boolean}; {@code uuid} → {@link java.util.UUID};
	 * <li>{@code date} → {@link java.time.LocalDate}; {@code timestamp} and
	 * {@code timestamptz} → {@link java.time.OffsetDateTime} in UTC (the infinities as
	 * {@code MAX} and {@code MIN});
	 * <li>{@code json}, {@code jsonb} → plain Java ({@code Map}, {@code List},
	 * {@code String}, {@code Long}, {@code BigDecimal}, {@code Boolean});
	 * <li>anything else → {@link String}; SQL NULL → {@code null}.
	 * </ul>
	 * @return the rows, at most the catalog's {@code maxRows} (see {@link #truncated()})
	 * @throws IllegalStateException unless the query {@link QueryState#SUCCEEDED}
	 */
	public List<List<@Nullable Object>> rows() {
		return result().rows();
	}

	/**
	 * @return {@code true} if the query produced more rows than the catalog's
	 * {@code maxRows} and the rest were dropped; {@code false} when it did not, or has no
	 * rows
	 */
	public boolean truncated() {
		return this.result != null && this.result.truncated();
	}

	private Result result() {
		if (this.result == null) {
			String why = (this.error != null) ? " (" + this.error.code() + ": " + this.error.message() + ")" : "";
			throw new IllegalStateException("Query " + this.id + " is " + this.state + why
					+ ", so it has no rows; only a SUCCEEDED status has. Check state() first.");
		}
		return this.result;
	}

	@Override
	public String toString() {
		return "QueryStatus[" + this.id + " " + this.query + " " + this.state
				+ ((this.result != null) ? ", " + this.result.rows().size() + " rows" : "")
				+ ((this.error != null) ? ", " + this.error.code() : "") + "]";
	}

	/**
	 * The rows of a succeeded query.
	 */
	record Result(List<Column> columns, List<List<@Nullable Object>> rows, boolean truncated) {

		Result {
			columns = List.copyOf(columns);
			// Rows hold nulls, which List.copyOf refuses; each row is unmodifiable
			// already.
			rows = Collections.unmodifiableList(new ArrayList<>(rows));
		}

	}

}
