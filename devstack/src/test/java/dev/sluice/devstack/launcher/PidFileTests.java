package dev.sluice.devstack.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PidFileTests {

	@TempDir
	Path dataDir;

	@Test
	void runningLauncherIsRecognized() {
		PidFile pids = new PidFile(this.dataDir);
		pids.write(List.of());
		assertThat(pids.runningLauncher()).contains(ProcessHandle.current());
	}

	@Test
	void leftoversOfADeadLauncherAreKilled() throws IOException {
		Process leftover = new ProcessBuilder("sleep", "600").start();
		try {
			ProcessHandle child = leftover.toHandle();
			Files.writeString(this.dataDir.resolve("stack.pids"), "999999999 2020-01-01T00:00:00Z\n" + child.pid() + " "
					+ child.info().startInstant().orElseThrow() + "\n");
			PidFile pids = new PidFile(this.dataDir);
			assertThat(pids.runningLauncher()).isEmpty();
			assertThat(pids.killLeftovers()).singleElement().asString().startsWith(child.pid() + " ");
			await().atMost(Duration.ofSeconds(10)).until(() -> !leftover.isAlive());
			assertThat(this.dataDir.resolve("stack.pids")).doesNotExist();
		}
		finally {
			leftover.destroyForcibly();
		}
	}

	@Test
	void recycledPidIsLeftAlone() throws IOException {
		Process stranger = new ProcessBuilder("sleep", "600").start();
		try {
			Files.writeString(this.dataDir.resolve("stack.pids"),
					"999999999 2020-01-01T00:00:00Z\n" + stranger.pid() + " 2020-01-01T00:00:00Z\n");
			assertThat(new PidFile(this.dataDir).killLeftovers()).isEmpty();
			assertThat(stranger.isAlive()).isTrue();
		}
		finally {
			stranger.destroyForcibly();
		}
	}

	@Test
	void missingOrGarbledFileMeansNothingToDo() throws IOException {
		PidFile pids = new PidFile(this.dataDir);
		assertThat(pids.runningLauncher()).isEmpty();
		Files.writeString(this.dataDir.resolve("stack.pids"), "not a pid\n\n12 not-a-time\n");
		assertThat(pids.runningLauncher()).isEmpty();
		assertThat(pids.killLeftovers()).isEmpty();
	}

}
