/**
 * Real Kafka in child JVMs, for the local stack and for every integration test that needs
 * one: a single broker ({@link dev.sluice.devstack.kafka.KafkaBroker}) or a cluster of
 * several KRaft nodes ({@link dev.sluice.devstack.kafka.KafkaCluster}).
 */
@NullMarked
package dev.sluice.devstack.kafka;

import org.jspecify.annotations.NullMarked;
