/**
 * The read model: every query's status, materialized from {@code sluice.results}, with
 * the read barrier that makes any replica answer alike.
 * <p>
 * It is built from the results topic alone and knows nothing of the HTTP features that
 * read it.
 */
@ApplicationModule(allowedDependencies = "kafka")
@NullMarked
package dev.sluice.ingress.view;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
