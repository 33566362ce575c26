/**
 * The result cache and the coalescing of identical executions in flight.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.sluice.worker.cache;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
