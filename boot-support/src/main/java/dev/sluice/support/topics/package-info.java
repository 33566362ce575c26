/**
 * The shared properties of the topics and of the results' retention, bound and checked
 * alike in both apps.
 */
@NullMarked
package dev.sluice.support.topics;

import org.jspecify.annotations.NullMarked;
