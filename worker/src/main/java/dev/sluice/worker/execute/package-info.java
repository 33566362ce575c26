@NullMarked
package dev.sluice.worker.execute;

import org.jspecify.annotations.NullMarked;
