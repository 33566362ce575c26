@NullMarked
package dev.sluice.bench.targets;

import org.jspecify.annotations.NullMarked;
