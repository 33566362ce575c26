@NullMarked
package dev.sluice.bench.ingress;

import org.jspecify.annotations.NullMarked;
