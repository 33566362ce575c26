@NullMarked
package dev.sluice.devstack;

import org.jspecify.annotations.NullMarked;
