/**
 * The bounded, read-only connection pool and the execution of one catalog query on it.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.sluice.worker.execute;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
