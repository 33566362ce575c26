package dev.sluice.bench.load;

/** Why a user's request did not end with the rows. */
public enum ErrorKind {

	/** The connection was refused or reset before a response. */
	CONNECTION,

	/** No response within the request timeout. */
	TIMEOUT,

	/** A 4xx answer (for Sluice also a 404 while polling: the query is gone). */
	HTTP_4XX,

	/** A 5xx answer, other than {@link #REFUSED}. */
	HTTP_5XX,

	/**
	 * Refused at submission with {@code 503} and {@code Retry-After}: Sluice's admission
	 * control judged that the queue could not start it before its deadline. Not run, and
	 * not retried by the bench's users.
	 */
	REFUSED,

	/** Sluice accepted the query but it ended FAILED, EXPIRED or CANCELED. */
	NOT_SUCCEEDED,

	/** Sluice accepted the query but it reached no terminal state within the budget. */
	LOST

}
