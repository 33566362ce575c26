package dev.sluice.ingress.kafka;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How Sluice's topics are created when absent; the worker reads the same properties, and
 * both must agree.
 *
 * @param partitions partitions of every topic; more partitions allow more workers
 * @param replicationFactor replicas of every partition
 */
@Validated
@ConfigurationProperties("sluice.topics")
record TopicsProperties(@Min(1) @Max(10_000) int partitions, @Min(1) @Max(Short.MAX_VALUE) int replicationFactor) {
}
