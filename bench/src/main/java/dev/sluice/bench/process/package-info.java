@NullMarked
package dev.sluice.bench.process;

import org.jspecify.annotations.NullMarked;
