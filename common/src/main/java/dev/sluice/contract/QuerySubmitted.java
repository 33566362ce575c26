package dev.sluice.contract;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A client submitted a catalog query; value of a {@link Topics#QUERIES} record.
 *
 * @param id the query id, e.g. {@code q_01JD7Q...}
 * @param query the catalog name of the query
 * @param params the validated parameters, defaults applied, in their wire form (see
 * {@code CatalogQuery#toWire})
 * @param submittedAt when the ingress accepted the query
 * @param deadline the query must have started by then, otherwise it ends
 * {@link QueryState#EXPIRED} without touching the database
 * @param client the name of the client that submitted it, as its API key names it
 * ({@code open} on an ingress without keys); {@code null} in records written before
 * clients were named
 */
public record QuerySubmitted(String id, String query, Map<String, Object> params, Instant submittedAt, Instant deadline,
		@Nullable String client) {

	/**
	 * A query of no named client.
	 */
	public QuerySubmitted(String id, String query, Map<String, Object> params, Instant submittedAt, Instant deadline) {
		this(id, query, params, submittedAt, deadline, null);
	}

}
