/**
 * Per-client quotas: a token bucket of submissions and a cap on queries in flight, held
 * alike on every ingress replica because each one counts every client's queries from the
 * shared {@code sluice.results} topic.
 */
@ApplicationModule(allowedDependencies = { "clients", "view", "problem" })
@NullMarked
package dev.sluice.ingress.quota;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
