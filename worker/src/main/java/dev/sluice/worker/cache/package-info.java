@NullMarked
package dev.sluice.worker.cache;

import org.jspecify.annotations.NullMarked;
