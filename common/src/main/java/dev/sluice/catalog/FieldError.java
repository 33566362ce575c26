package dev.sluice.catalog;

/**
 * One reason a submitted query was refused.
 *
 * @param field the path of the offending field in the request body, e.g.
 * {@code params.limit} or {@code query}
 * @param message what is wrong with it and, where it helps, what would be accepted
 */
public record FieldError(String field, String message) {
}
