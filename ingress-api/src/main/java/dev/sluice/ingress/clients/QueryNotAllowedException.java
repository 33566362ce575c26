package dev.sluice.ingress.clients;

import dev.sluice.ingress.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A catalog query outside the calling client's scope ({@code queries} in the keys file):
 * {@code 403}.
 */
public final class QueryNotAllowedException extends ApiProblem {

	QueryNotAllowedException(Client client, String query) {
		super(HttpStatus.FORBIDDEN, "query-not-allowed", "Query not allowed",
				"Client '" + client.name() + "' may not run '" + query + "'; GET /v1/catalog lists the queries it may "
						+ "run, and the operator can add this one to its 'queries' in the keys file");
	}

}
