/**
 * Who calls the ingress: API keys, sent as {@code Authorization: Bearer <key>}, each
 * mapped to a client name and the catalog queries it may run. Keys live in a file that
 * holds only their SHA-256 hashes and is reloaded when it changes.
 */
@NullMarked
package dev.sluice.ingress.clients;

import org.jspecify.annotations.NullMarked;
