package dev.sluice.contract;

/**
 * One column of a result.
 *
 * @param name the column label as the database reported it
 * @param type the PostgreSQL type name, e.g. {@code int8}, {@code numeric},
 * {@code timestamptz}
 */
public record Column(String name, String type) {
}
