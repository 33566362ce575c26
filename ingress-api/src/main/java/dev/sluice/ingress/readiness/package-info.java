/**
 * Whether the workers are there: the {@code workers} part of the ingress's readiness.
 */
@NullMarked
package dev.sluice.ingress.readiness;

import org.jspecify.annotations.NullMarked;
