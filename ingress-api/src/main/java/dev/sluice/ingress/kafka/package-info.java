@NullMarked
package dev.sluice.ingress.kafka;

import org.jspecify.annotations.NullMarked;
