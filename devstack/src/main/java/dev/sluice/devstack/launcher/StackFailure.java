package dev.sluice.devstack.launcher;

/**
 * Ends {@code ./sluice up} with a message for the user that says what to do; no stack
 * trace.
 */
final class StackFailure extends RuntimeException {

	StackFailure(String message) {
		super(message);
	}

}
