package dev.sluice.worker.execute;

/**
 * The execution was cancelled because every query waiting for it was cancelled; nobody
 * reads its outcome.
 */
public class ExecutionAbandonedException extends RuntimeException {

	public ExecutionAbandonedException(String message) {
		super(message);
	}

	public ExecutionAbandonedException(String message, Throwable cause) {
		super(message, cause);
	}

}
