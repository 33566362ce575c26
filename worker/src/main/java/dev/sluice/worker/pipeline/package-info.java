/**
 * One query from its record to its acknowledged terminal status: skip a duplicate, admit
 * it (catalog, parameters, cancel, deadline), serve it from the cache, coalesce it or
 * execute it, follow the execution, publish the outcome and count it.
 */
@ApplicationModule(allowedDependencies = { "cache", "cancel", "execute", "publish" })
@NullMarked
package dev.sluice.worker.pipeline;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
