package dev.sluice.devstack.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DemoKeyTests {

	@TempDir
	Path dataDir;

	@Test
	void theFirstStartGeneratesAKeyOnlyItsOwnerCanRead() throws IOException {
		DemoKey key = DemoKey.in(this.dataDir);

		assertThat(key.key()).startsWith("sluice_demo_").hasSizeGreaterThan(40);
		assertThat(Files.readString(this.dataDir.resolve("demo-key")).strip()).isEqualTo(key.key());
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.dataDir.resolve("demo-key"))))
			.isEqualTo("rw-------");
	}

	@Test
	void laterStartsKeepTheKey() {
		String first = DemoKey.in(this.dataDir).key();

		assertThat(DemoKey.in(this.dataDir).key()).isEqualTo(first);
	}

	@Test
	void theKeysFileHoldsTheHashOfTheKeyNeverTheKey() throws Exception {
		DemoKey key = DemoKey.in(this.dataDir);

		// printf %s "$key" | sha256sum
		String hash = java.util.HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256")
				.digest(key.key().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(Files.readString(key.keysFile())).contains("  demo:\n    keys: [sha256:" + hash + "]")
			.doesNotContain(key.key());
	}

}
