/**
 * The backlog of {@code sluice.queries}: its gauges, and the estimates admission control
 * reads.
 */
@NullMarked
package dev.sluice.ingress.queue;

import org.jspecify.annotations.NullMarked;
