/**
 * Errors as RFC 9457 problem documents, for every feature and for what the container
 * answers itself.
 */
@NullMarked
package dev.sluice.ingress.problem;

import org.jspecify.annotations.NullMarked;
