package dev.sluice.ingress.query;

import dev.sluice.ingress.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** No query with this id exists, or its status has expired. */
class QueryNotFoundException extends ApiProblem {

	QueryNotFoundException(String id) {
		super(HttpStatus.NOT_FOUND, "query-not-found", "Query not found",
				"No query " + id + " is known: it was never submitted, or its result has expired (results are kept for "
						+ "sluice.results.retention after submission)");
	}

}
