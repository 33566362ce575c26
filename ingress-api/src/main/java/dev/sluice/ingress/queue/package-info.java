@NullMarked
package dev.sluice.ingress.queue;

import org.jspecify.annotations.NullMarked;
