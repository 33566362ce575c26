@NullMarked
package dev.sluice.ingress.results;

import org.jspecify.annotations.NullMarked;
