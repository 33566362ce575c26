/**
 * The worker's producer and the statuses it publishes to {@code sluice.results}.
 */
@NullMarked
package dev.sluice.worker.publish;

import org.jspecify.annotations.NullMarked;
