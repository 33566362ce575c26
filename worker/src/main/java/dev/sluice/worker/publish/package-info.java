@NullMarked
package dev.sluice.worker.publish;

import org.jspecify.annotations.NullMarked;
