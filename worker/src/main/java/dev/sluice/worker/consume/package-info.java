/**
 * The Kafka side of the worker: its one consumer of {@code sluice.queries}, the bounded
 * in-flight window of polled records, the query threads they are dispatched to, the
 * offsets committed once their statuses are acknowledged, pause, resume and back-off, and
 * the dead letters of records that cannot be decoded.
 */
@ApplicationModule(allowedDependencies = "pipeline")
@NullMarked
package dev.sluice.worker.consume;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
