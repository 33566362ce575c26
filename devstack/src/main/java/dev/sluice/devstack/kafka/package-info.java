/**
 * A real single-node Kafka broker in a child JVM, for the local stack and for every
 * integration test that needs one.
 */
@NullMarked
package dev.sluice.devstack.kafka;

import org.jspecify.annotations.NullMarked;
