package dev.sluice.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, as Sluice uses it: for the routing key of a query, for the query id an
 * {@code Idempotency-Key} derives, and for the API keys a keys file holds.
 */
public final class Sha256 {

	/** How a keys file writes a key's hash: this prefix, then 64 hex digits. */
	public static final String KEYS_FILE_PREFIX = "sha256:";

	private Sha256() {
	}

	/**
	 * @param bytes what to hash
	 * @return its SHA-256, 32 bytes
	 */
	public static byte[] of(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-256 (java.security.MessageDigest).
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param text what to hash, as UTF-8
	 * @return its SHA-256, 32 bytes
	 */
	public static byte[] of(String text) {
		return of(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @param key an API key
	 * @return what a keys file holds for it: {@value #KEYS_FILE_PREFIX} and the hex
	 * digits of its SHA-256; never the key itself
	 */
	public static String keysFileEntry(String key) {
		return KEYS_FILE_PREFIX + HexFormat.of().formatHex(of(key));
	}

}
