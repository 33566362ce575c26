/**
 * The PostgreSQL side of the local stack and the tests: the server to use, a throw-away
 * database per test run, and the demo shop database with its loader.
 */
@NullMarked
package dev.sluice.devstack.postgres;

import org.jspecify.annotations.NullMarked;
