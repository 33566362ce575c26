package dev.sluice.worker.connectivity;

/**
 * The innermost message of an exception chain: what actually went wrong, without the
 * layers of wrapping around it.
 */
final class Causes {

	private Causes() {
	}

	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

}
