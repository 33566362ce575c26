package dev.sluice.ingress.submit;

import dev.sluice.contract.StatusHead;
import dev.sluice.ingress.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/** An {@code Idempotency-Key} reused for a different query. */
class IdempotencyConflictException extends ApiProblem {

	IdempotencyConflictException(StatusHead existing, String requestedQuery) {
		super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
				"This Idempotency-Key already identifies query " + existing.id() + " of '" + existing.query()
						+ "', not of '" + requestedQuery + "'; use a new key for a different submission");
	}

}
