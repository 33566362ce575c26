/**
 * The checks that stop start-up with one clear message when Kafka or PostgreSQL cannot be
 * reached, and the report Spring Boot prints for the second.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.sluice.worker.startup;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
