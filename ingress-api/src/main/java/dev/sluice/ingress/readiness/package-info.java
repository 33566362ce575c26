@NullMarked
package dev.sluice.ingress.readiness;

import org.jspecify.annotations.NullMarked;
