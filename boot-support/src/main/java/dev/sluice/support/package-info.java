/**
 * What both apps share at start-up and in their configuration: the failure reports, the
 * Kafka health indicator, the shared sluice.* properties and the topic reader.
 */
@NullMarked
package dev.sluice.support;

import org.jspecify.annotations.NullMarked;
