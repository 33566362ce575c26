/**
 * Whether this worker is ready for queries: a Kafka broker answers and the query consumer
 * holds partitions (or is a spare). The database check is Spring Boot's.
 */
@ApplicationModule(allowedDependencies = "consume")
@NullMarked
package dev.sluice.worker.readiness;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
