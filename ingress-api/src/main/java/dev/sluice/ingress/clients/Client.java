package dev.sluice.ingress.clients;

import java.util.Set;

/**
 * A caller of the ingress, as its API key names it.
 *
 * @param name the client's name from the keys file; the only client-derived value that
 * reaches logs, metrics and Kafka records
 * @param queries the catalog queries it may run; empty when it may run all of them
 */
public record Client(String name, Set<String> queries) {

	/**
	 * The caller of an ingress that runs with {@code sluice.security.mode=open}: anyone,
	 * allowed every query.
	 */
	public static final Client OPEN = new Client("open", Set.of());

	public Client {
		queries = Set.copyOf(queries);
	}

	/**
	 * @param query a catalog query name
	 * @return whether this client may run it
	 */
	public boolean mayRun(String query) {
		return this.queries.isEmpty() || this.queries.contains(query);
	}

	/**
	 * @param query a catalog query name
	 * @throws QueryNotAllowedException if this client may not run it
	 */
	public void checkMayRun(String query) {
		if (!mayRun(query)) {
			throw new QueryNotAllowedException(this, query);
		}
	}

}
