/**
 * Child processes of the local stack, the end-to-end tests and the benchmark: one class
 * that starts, watches and stops them with their descendants, and one readiness wait.
 */
@NullMarked
package dev.sluice.devstack.process;

import org.jspecify.annotations.NullMarked;
