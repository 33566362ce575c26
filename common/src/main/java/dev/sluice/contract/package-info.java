/**
 * The wire contract between the ingress and the workers: the message records, the topics
 * and the record headers.
 * <p>
 * Nothing is {@code null} unless marked {@code @Nullable}. A record decoded from Kafka is
 * taken as its writer sent it: the annotations say what writers send, and a reader that
 * must survive a malformed record checks for itself.
 */
@NullMarked
package dev.sluice.contract;

import org.jspecify.annotations.NullMarked;
