/**
 * Reading the Prometheus text that {@code /actuator/prometheus} serves, for the
 * launcher's status line and the benchmark.
 */
@NullMarked
package dev.sluice.devstack.metrics;

import org.jspecify.annotations.NullMarked;
