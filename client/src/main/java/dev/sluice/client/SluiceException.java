package dev.sluice.client;

import org.jspecify.annotations.Nullable;

/**
 * A call to Sluice failed: the server could not be reached, did not answer in time,
 * answered something that is not Sluice's API, or the calling thread was interrupted (its
 * interrupt flag is then set again). Answers with an HTTP error status are the subclass
 * {@link SluiceProblemException}.
 */
public class SluiceException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	SluiceException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
