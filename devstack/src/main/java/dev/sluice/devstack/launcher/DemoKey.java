package dev.sluice.devstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The API key of the local stack's one client, {@code demo}: generated on the first
 * {@code ./sluice up} into {@code demo-key} in the data directory (readable by its owner
 * only), and kept for the next runs, so that a key a user exported keeps working. The
 * keys file the ingress reads, {@code keys.yml} beside it, holds only its SHA-256 and is
 * written again on every run.
 */
final class DemoKey {

	static final String CLIENT = "demo";

	private final String key;

	private final Path keysFile;

	private DemoKey(String key, Path keysFile) {
		this.key = key;
		this.keysFile = keysFile;
	}

	/**
	 * @param dataDir the stack's data directory
	 * @return the key kept there, or a new one
	 */
	static DemoKey in(Path dataDir) {
		try {
			Files.createDirectories(dataDir);
			Path keyFile = dataDir.resolve("demo-key");
			String key;
			if (Files.exists(keyFile)) {
				key = Files.readString(keyFile).strip();
			}
			else {
				byte[] random = new byte[24];
				new SecureRandom().nextBytes(random);
				key = "sluice_demo_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
				Files.createFile(keyFile,
						PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				Files.writeString(keyFile, key + "\n");
			}
			Path keysFile = dataDir.resolve("keys.yml");
			Files.writeString(keysFile, """
					# Written by ./sluice up on every start: the local stack's one client. Its key is
					# in demo-key beside this file; this file holds only the key's SHA-256.
					clients:
					  %s:
					    keys: [sha256:%s]
					""".formatted(CLIENT, sha256(key)));
			return new DemoKey(key, keysFile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot keep the demo API key in " + dataDir, ex);
		}
	}

	String key() {
		return this.key;
	}

	Path keysFile() {
		return this.keysFile;
	}

	private static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform must provide SHA-256.
			throw new IllegalStateException(ex);
		}
	}

}
