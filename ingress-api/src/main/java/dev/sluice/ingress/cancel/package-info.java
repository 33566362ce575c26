/**
 * Cancelling a query: {@code DELETE /v1/queries/{id}}.
 */
@NullMarked
package dev.sluice.ingress.cancel;

import org.jspecify.annotations.NullMarked;
