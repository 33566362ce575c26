package dev.sluice.client;

/**
 * Why a query ended {@link QueryState#FAILED}, {@link QueryState#CANCELED} or
 * {@link QueryState#EXPIRED}.
 *
 * @param code the SQLSTATE when the database gave one (e.g. {@code 57014}, the statement
 * timed out), otherwise a Sluice code: {@code SQL_ERROR}, {@code UNKNOWN_QUERY},
 * {@code INVALID_PARAMS}, {@code CANCELED}, {@code DEADLINE_EXCEEDED},
 * {@code RESULT_TOO_LARGE} or {@code INTERNAL_ERROR}
 * @param message Sluice's own explanation; never the database's text, which may quote
 * data
 */
public record QueryError(String code, String message) {
}
