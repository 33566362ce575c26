package dev.sluice.support;

/**
 * The innermost message of an exception chain: what actually went wrong, without the
 * layers of wrapping around it. Start-up failure messages quote it.
 *
 * <pre>{@code
 * Causes.rootMessage(new IllegalStateException("wrapped", new IOException("Connection refused")));
 * // "Connection refused"
 * }</pre>
 */
public final class Causes {

	private Causes() {
	}

	/**
	 * The first line of the message of the innermost cause.
	 * @param ex an exception, not {@code null}
	 * @return that message, or the innermost cause's simple class name when it has none
	 */
	public static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

}
