@NullMarked
package dev.sluice.ingress.console;

import org.jspecify.annotations.NullMarked;
