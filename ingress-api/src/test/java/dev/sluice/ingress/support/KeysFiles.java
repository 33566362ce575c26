package dev.sluice.ingress.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a keys file holds for a key.
 */
public final class KeysFiles {

	private KeysFiles() {
	}

	/**
	 * @param key an API key
	 * @return its entry in a keys file: {@code sha256:} and the hex digits of its SHA-256
	 */
	public static String sha256(String key) {
		try {
			return "sha256:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
