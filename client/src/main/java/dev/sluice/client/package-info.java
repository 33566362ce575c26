/**
 * A Java client of the Sluice HTTP API: submit catalog queries, wait for them by
 * long-polling or follow them as a stream of state changes, cancel them, and read their
 * rows as Java values.
 *
 * <pre>{@code
 * try (SluiceClient sluice = SluiceClient.builder(URI.create("http://127.0.0.1:8080")).build()) {
 *     QueryStatus status = sluice.run("customer_orders", Map.of("customerId", 42, "limit", 3),
 *             Duration.ofSeconds(10));
 *     for (List<Object> row : status.rows()) {
 *         Long id = (Long) row.get(0);
 *     }
 * }
 * }</pre>
 *
 * {@link dev.sluice.client.SluiceClient} is the entry point. Every type of this package
 * is immutable and safe to share between threads, except the builders. Nothing is
 * {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package dev.sluice.client;

import org.jspecify.annotations.NullMarked;
