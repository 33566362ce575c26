@NullMarked
package dev.sluice.bench.cpu;

import org.jspecify.annotations.NullMarked;
