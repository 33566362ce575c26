/**
 * The query catalog: the named, parameterized read queries a client may run, read from
 * YAML and checked at start-up.
 */
@NullMarked
package dev.sluice.catalog;

import org.jspecify.annotations.NullMarked;
