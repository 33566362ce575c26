@NullMarked
package dev.sluice.bench.ceiling;

import org.jspecify.annotations.NullMarked;
