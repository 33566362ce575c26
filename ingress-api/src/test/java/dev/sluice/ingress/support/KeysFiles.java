package dev.sluice.ingress.support;

import dev.sluice.contract.Sha256;

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
		return Sha256.keysFileEntry(key);
	}

}
