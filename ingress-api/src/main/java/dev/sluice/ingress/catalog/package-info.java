@NullMarked
package dev.sluice.ingress.catalog;

import org.jspecify.annotations.NullMarked;
