package dev.sluice.worker.startup;

import dev.sluice.support.Causes;

/**
 * PostgreSQL did not accept a connection at start-up.
 */
class DatabaseUnreachableException extends RuntimeException {

	DatabaseUnreachableException(String url, Throwable cause) {
		super("PostgreSQL is not reachable at " + url + ": " + Causes.rootMessage(cause), cause);
	}

}
