package dev.sluice.ingress.clients;

/**
 * A keys file that cannot be used: unreadable, not YAML, or with a client that is wrong.
 * The message names the file, the client and the field, never a key's hash, e.g.
 * {@code keys file keys.yml: client 'reporting': queries: 'ordrs' is not a catalog query}.
 */
public class ClientKeysException extends RuntimeException {

	ClientKeysException(String message) {
		super(message);
	}

	ClientKeysException(String message, Throwable cause) {
		super(message, cause);
	}

}
