@NullMarked
package dev.sluice.ingress.problem;

import org.jspecify.annotations.NullMarked;
