package dev.sluice.contract;

/**
 * Why a query ended {@link QueryState#FAILED}, {@link QueryState#CANCELED} or
 * {@link QueryState#EXPIRED}. Never carries a stack trace.
 *
 * @param code the SQLSTATE where the database gave one (e.g. {@code 57014}), otherwise a
 * Sluice code such as {@code UNKNOWN_QUERY}, {@code INVALID_PARAMS} or
 * {@code DEADLINE_EXCEEDED}
 * @param message a human-readable explanation written by Sluice: never an exception's
 * text nor the database's own message, which may quote data
 */
public record QueryError(String code, String message) {
}
