@NullMarked
package dev.sluice.ingress.submit;

import org.jspecify.annotations.NullMarked;
