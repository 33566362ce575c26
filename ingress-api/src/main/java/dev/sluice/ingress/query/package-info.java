/**
 * Reading a query over HTTP: {@code GET /v1/queries/{id}} (with {@code Prefer: wait}, a
 * long-poll) and its {@code /events} stream; and the answers that carry a status
 * document, which submission and cancellation share.
 */
@NullMarked
package dev.sluice.ingress.query;

import org.jspecify.annotations.NullMarked;
