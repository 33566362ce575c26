/**
 * The query catalog's location property and the report of a catalog that cannot be read.
 */
@NullMarked
package dev.sluice.support.catalog;

import org.jspecify.annotations.NullMarked;
