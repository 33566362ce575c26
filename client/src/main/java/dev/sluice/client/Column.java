package dev.sluice.client;

/**
 * One column of a result.
 *
 * @param name the column label as the database reported it
 * @param type the PostgreSQL type name, e.g. {@code int8}, {@code numeric},
 * {@code timestamptz}; it decides the Java type of the column's values (see
 * {@link QueryStatus#rows()})
 */
public record Column(String name, String type) {
}
