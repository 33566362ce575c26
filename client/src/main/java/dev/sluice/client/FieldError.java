package dev.sluice.client;

/**
 * One invalid field of a refused submission, from the {@code errors} member of a
 * {@code 400} problem document.
 *
 * @param field the field as the client sent it: {@code body}, {@code query},
 * {@code timeoutMs}, {@code params.<name>}, {@code Idempotency-Key}, or an unknown
 * top-level field
 * @param message what is wrong with it, e.g. {@code must be at least 1}
 */
public record FieldError(String field, String message) {
}
