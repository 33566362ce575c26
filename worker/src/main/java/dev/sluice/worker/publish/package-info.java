/**
 * The worker's producer and the statuses it publishes to {@code sluice.results}.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.sluice.worker.publish;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
