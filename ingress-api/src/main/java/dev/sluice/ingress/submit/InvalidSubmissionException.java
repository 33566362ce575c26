package dev.sluice.ingress.submit;

import java.util.List;

import dev.sluice.catalog.FieldError;
import dev.sluice.ingress.problem.ApiProblem;

import org.springframework.http.HttpStatus;

/**
 * A submission refused before anything was queued; answered {@code 400} with one entry
 * per bad field in {@code errors}.
 */
class InvalidSubmissionException extends ApiProblem {

	private final Rejection reason;

	private final String query;

	/**
	 * @param errors the bad fields, at least one
	 * @param reason {@link Rejection#INVALID}, {@link Rejection#UNKNOWN_QUERY} or
	 * {@link Rejection#TOO_LARGE}
	 * @param query the catalog query it named, or {@code "unknown"}
	 */
	InvalidSubmissionException(List<FieldError> errors, Rejection reason, String query) {
		super(HttpStatus.BAD_REQUEST, "invalid-submission", "Invalid submission", "The submission was not queued: "
				+ errors.size() + " field" + ((errors.size() == 1) ? " is" : "s are") + " invalid; see errors", errors,
				null);
		this.reason = reason;
		this.query = query;
	}

	Rejection reason() {
		return this.reason;
	}

	String query() {
		return this.query;
	}

}
