package dev.sluice.contract;

import java.time.Instant;

/**
 * A client asked to cancel a query; value of a {@link Topics#CANCELS} record.
 *
 * @param id the query id
 * @param requestedAt when the ingress received the request
 */
public record QueryCancelRequested(String id, Instant requestedAt) {
}
