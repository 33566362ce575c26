/**
 * Cancellation: the reader of {@code sluice.cancels} and the cancelled ids it fills.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.sluice.worker.cancel;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
