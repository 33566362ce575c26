package dev.sluice.ingress.submit;

import java.time.Duration;
import java.util.Map;

import dev.sluice.catalog.CatalogQuery;

/**
 * A validated submission, ready to be queued.
 *
 * @param query the catalog query
 * @param wireParams its parameters, checked, defaults applied, in wire form
 * @param queueWait how long it may wait in the queue: the client's {@code timeoutMs}
 * capped by the catalog's {@code queueTimeout}, which is also the default
 */
record Submission(CatalogQuery query, Map<String, Object> wireParams, Duration queueWait) {
}
