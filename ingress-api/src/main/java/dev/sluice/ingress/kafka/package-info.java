/**
 * The Kafka side of the ingress: topics, the shared admin client, and the publisher every
 * feature writes records with.
 */
@NullMarked
package dev.sluice.ingress.kafka;

import org.jspecify.annotations.NullMarked;
