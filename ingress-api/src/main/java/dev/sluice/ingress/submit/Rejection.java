package dev.sluice.ingress.submit;

import java.util.Locale;

import dev.sluice.ingress.clients.ClientMetrics.Outcome;
import dev.sluice.ingress.quota.QuotaExceededException;

/**
 * Why a submission was refused: the {@code reason} tag of {@code sluice.submissions}, and
 * the outcome counted for its client.
 */
enum Rejection {

	/** A malformed body or a bad field. */
	INVALID(Outcome.REFUSED),
	/** A query name the catalog does not have. */
	UNKNOWN_QUERY(Outcome.REFUSED),
	/** A body over {@code sluice.ingress.max-body-size}. */
	TOO_LARGE(Outcome.REFUSED),
	/** A query outside the client's scope. */
	FORBIDDEN(Outcome.FORBIDDEN),
	/** Kafka did not take the record. */
	KAFKA_UNAVAILABLE(Outcome.REFUSED),
	/** Admission control: the queue could not drain it within the bound. */
	QUEUE_FULL(Outcome.REFUSED),
	/** Over the client's rate. */
	RATE_LIMITED(Outcome.RATE_LIMITED),
	/** The client has as many queries in flight as it may. */
	OVER_CAPACITY(Outcome.OVER_CAPACITY);

	private final Outcome client;

	/**
	 * Computed once: every refusal is counted under it, in a flood thousands a second.
	 */
	private final String tag;

	Rejection(Outcome client) {
		this.client = client;
		this.tag = name().toLowerCase(Locale.ROOT);
	}

	static Rejection of(QuotaExceededException ex) {
		return (ex.outcome() == Outcome.RATE_LIMITED) ? RATE_LIMITED : OVER_CAPACITY;
	}

	String tag() {
		return this.tag;
	}

	Outcome clientOutcome() {
		return this.client;
	}

}
