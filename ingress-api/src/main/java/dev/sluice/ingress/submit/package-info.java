/**
 * Submitting a query: {@code POST /v1/queries}, its validation against the catalog,
 * admission control and queueing.
 */
@NullMarked
package dev.sluice.ingress.submit;

import org.jspecify.annotations.NullMarked;
