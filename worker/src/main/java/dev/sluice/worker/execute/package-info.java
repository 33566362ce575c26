/**
 * The bounded, read-only connection pool and the execution of one catalog query on it.
 */
@NullMarked
package dev.sluice.worker.execute;

import org.jspecify.annotations.NullMarked;
