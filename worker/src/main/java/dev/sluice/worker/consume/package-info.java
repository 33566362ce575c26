@NullMarked
package dev.sluice.worker.consume;

import org.jspecify.annotations.NullMarked;
