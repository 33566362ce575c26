/**
 * The live console page: what the whole fleet did, second by second.
 */
@NullMarked
package dev.sluice.ingress.console;

import org.jspecify.annotations.NullMarked;
