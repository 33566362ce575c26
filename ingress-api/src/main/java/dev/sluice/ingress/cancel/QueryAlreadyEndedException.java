package dev.sluice.ingress.cancel;

import dev.sluice.contract.StatusHead;
import dev.sluice.ingress.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** A cancel request for a query that has already reached a terminal state. */
class QueryAlreadyEndedException extends ApiProblem {

	QueryAlreadyEndedException(StatusHead status) {
		super(HttpStatus.CONFLICT, "query-already-ended", "Query already ended", "Query " + status.id()
				+ " already ended " + status.state() + "; there is nothing to cancel. GET it for the outcome.");
	}

}
