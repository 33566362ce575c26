package dev.sluice.ingress.clients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.sluice.ingress.support.KeysFiles.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClientKeysFileTests {

	private static final Set<String> CATALOG = Set.of("customer_by_id");

	@TempDir
	Path directory;

	@Test
	void aChangedFileIsTakenOnRefreshAndARevokedKeyStopsWorking() throws IOException {
		Path file = write("clients:\n  a:\n    keys: [%s, %s]\n".formatted(sha256("one"), sha256("two")));
		try (ClientKeysFile keys = new ClientKeysFile(file, CATALOG, ClientKeysParserTests.DEFAULT_QUOTA)) {
			assertThat(keys.keys().authenticate("one")).isNotNull();

			write("clients:\n  a:\n    keys: [%s]\n".formatted(sha256("two")));
			keys.refresh();

			assertThat(keys.keys().authenticate("one")).isNull();
			assertThat(keys.keys().authenticate("two")).isNotNull();
		}
	}

	@Test
	void anInvalidEditKeepsTheKeysLoadedBefore() throws IOException {
		Path file = write("clients:\n  a:\n    keys: [%s]\n".formatted(sha256("one")));
		try (ClientKeysFile keys = new ClientKeysFile(file, CATALOG, ClientKeysParserTests.DEFAULT_QUOTA)) {
			write("clients:\n  a:\n    keys: [half-saved\n");
			keys.refresh();
			assertThat(keys.keys().authenticate("one")).isNotNull();

			Files.delete(file);
			keys.refresh();
			assertThat(keys.keys().authenticate("one")).isNotNull();

			write("clients:\n  b:\n    keys: [%s]\n".formatted(sha256("three")));
			keys.refresh();
			assertThat(keys.keys().authenticate("three").name()).isEqualTo("b");
		}
	}

	@Test
	void aMissingFileStopsTheStartNamingWhatToSet() {
		assertThatExceptionOfType(ClientKeysException.class)
			.isThrownBy(() -> new ClientKeysFile(this.directory.resolve("absent.yml"), CATALOG,
					ClientKeysParserTests.DEFAULT_QUOTA))
			.withMessageContaining("absent.yml cannot be read")
			.withMessageContaining("sluice.security.keys")
			.withMessageContaining("sluice.security.mode=open");
	}

	private Path write(String content) throws IOException {
		return Files.writeString(this.directory.resolve("keys.yml"), content);
	}

}
