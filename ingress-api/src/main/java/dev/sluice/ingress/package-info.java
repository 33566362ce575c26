@NullMarked
package dev.sluice.ingress;

import org.jspecify.annotations.NullMarked;
