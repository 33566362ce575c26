@NullMarked
package dev.sluice.ingress.status;

import org.jspecify.annotations.NullMarked;
