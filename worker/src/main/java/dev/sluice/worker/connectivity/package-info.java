@NullMarked
package dev.sluice.worker.connectivity;

import org.jspecify.annotations.NullMarked;
