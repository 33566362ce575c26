/**
 * The launcher behind {@code ./sluice}: reads the command line, starts the broker, the
 * demo database, the ingress and the workers, waits until they are ready, shows a live
 * status line, and stops everything in order on a signal. Only {@link Stack} (the main
 * class) is public.
 */
@NullMarked
package dev.sluice.devstack.launcher;

import org.jspecify.annotations.NullMarked;
