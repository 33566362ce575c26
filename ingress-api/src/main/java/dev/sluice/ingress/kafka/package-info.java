/**
 * The Kafka side of the ingress: topics, the shared admin client, and the publisher every
 * feature writes records with.
 * <p>
 * Features publish through it, so it depends on none of them: only on {@code problem},
 * for its {@code 503}.
 */
@ApplicationModule(allowedDependencies = "problem")
@NullMarked
package dev.sluice.ingress.kafka;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
