package dev.sluice.ingress.query;

import dev.sluice.contract.EncodedStatus;
import dev.sluice.ingress.QueryIds;
import dev.sluice.ingress.clients.Client;
import dev.sluice.ingress.kafka.KafkaUnavailableException;
import dev.sluice.ingress.view.QueryStatuses;

/**
 * Finds the query that a request to {@code /v1/queries/{id}} names, so that reading,
 * streaming and cancelling agree on what "not found" means: an id that is not well-formed
 * is never looked up, and one missing from the view is looked up again through the read
 * barrier before it is answered {@code 404}. Another client's query is answered
 * {@code 404} too, exactly as an unknown one: its id tells the caller nothing.
 */
public final class QueryLookup {

	private final QueryStatuses statuses;

	QueryLookup(QueryStatuses statuses) {
		this.statuses = statuses;
	}

	/**
	 * The status of the query a request names (a bounded wait on a miss; blocks the
	 * calling thread).
	 * @param id the id from the request path, as sent
	 * @param client who asks
	 * @return its status
	 * @throws QueryNotFoundException ({@code 404}) if no such query exists or it has
	 * expired
	 * @throws KafkaUnavailableException ({@code 503}) if the view cannot be brought up to
	 * date in time
	 */
	public EncodedStatus find(String id, Client client) {
		if (!QueryIds.isWellFormed(id)) {
			throw new QueryNotFoundException(id);
		}
		return this.statuses.lookup(id)
			.filter((status) -> client.owns(status.head().client()))
			.orElseThrow(() -> new QueryNotFoundException(id));
	}

}
