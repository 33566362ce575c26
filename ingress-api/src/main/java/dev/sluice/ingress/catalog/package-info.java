/**
 * The query catalog: loaded once at start-up, listed by {@code GET /v1/catalog}.
 */
@NullMarked
package dev.sluice.ingress.catalog;

import org.jspecify.annotations.NullMarked;
