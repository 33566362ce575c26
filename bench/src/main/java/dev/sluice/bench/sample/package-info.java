@NullMarked
package dev.sluice.bench.sample;

import org.jspecify.annotations.NullMarked;
