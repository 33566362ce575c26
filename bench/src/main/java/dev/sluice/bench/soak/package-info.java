@NullMarked
package dev.sluice.bench.soak;

import org.jspecify.annotations.NullMarked;
