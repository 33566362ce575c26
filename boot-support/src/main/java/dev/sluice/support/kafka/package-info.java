/**
 * Kafka at start-up and in health checks, and reading a whole topic without a consumer
 * group.
 */
@NullMarked
package dev.sluice.support.kafka;

import org.jspecify.annotations.NullMarked;
