package dev.sluice.bench.targets;

import dev.sluice.devstack.postgres.PostgresServer;

/**
 * The database every target queries: same server, same demo data.
 *
 * @param server the PostgreSQL server
 * @param name the database holding the demo data
 */
public record Database(PostgresServer server, String name) {

	public String jdbcUrl() {
		return this.server.jdbcUrl(this.name);
	}

	public String user() {
		return this.server.user();
	}

	public String password() {
		return this.server.password();
	}

}
