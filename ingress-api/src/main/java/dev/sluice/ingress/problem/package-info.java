/**
 * Errors as RFC 9457 problem documents, for every feature and for what the container
 * answers itself.
 * <p>
 * Every feature throws its errors through it, so it depends on none of them.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.sluice.ingress.problem;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
