package dev.sluice.ingress.clients;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A caller of the ingress, as its API key names it.
 *
 * @param name the client's name from the keys file; the only client-derived value that
 * reaches logs, metrics and Kafka records
 * @param queries the catalog queries it may run; empty when it may run all of them
 * @param quota what it may submit
 */
public record Client(String name, Set<String> queries, Quota quota) {

	/**
	 * The caller of an ingress that runs with {@code sluice.security.mode=open}: anyone,
	 * allowed every query.
	 */
	public static final Client OPEN = new Client("open", Set.of(), Quota.UNLIMITED);

	public Client {
		queries = Set.copyOf(queries);
	}

	/**
	 * A client without limits.
	 * @param name its name
	 * @param queries the catalog queries it may run; empty for all
	 */
	public Client(String name, Set<String> queries) {
		this(name, queries, Quota.UNLIMITED);
	}

	/**
	 * @return whether this is the one caller of an open ingress
	 */
	public boolean isOpen() {
		return this == OPEN;
	}

	/**
	 * @param owner the client named on a query's status, or {@code null} for a status
	 * written before clients were named
	 * @return whether this client may read or cancel that query: its own, or any on an
	 * open ingress
	 */
	public boolean owns(@Nullable String owner) {
		return isOpen() || this.name.equals(owner);
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
