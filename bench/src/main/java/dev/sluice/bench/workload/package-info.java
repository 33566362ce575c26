@NullMarked
package dev.sluice.bench.workload;

import org.jspecify.annotations.NullMarked;
