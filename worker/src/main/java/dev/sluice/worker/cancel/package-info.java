@NullMarked
package dev.sluice.worker.cancel;

import org.jspecify.annotations.NullMarked;
