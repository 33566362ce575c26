/**
 * The result cache and the coalescing of identical executions in flight.
 */
@NullMarked
package dev.sluice.worker.cache;

import org.jspecify.annotations.NullMarked;
