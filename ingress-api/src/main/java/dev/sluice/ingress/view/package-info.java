/**
 * The read model: every query's status, materialized from {@code sluice.results}, with
 * the read barrier that makes any replica answer alike.
 */
@NullMarked
package dev.sluice.ingress.view;

import org.jspecify.annotations.NullMarked;
