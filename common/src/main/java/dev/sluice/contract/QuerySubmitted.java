package dev.sluice.contract;

import java.time.Instant;
import java.util.Map;

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
 */
public record QuerySubmitted(String id, String query, Map<String, Object> params, Instant submittedAt,
		Instant deadline) {
}
