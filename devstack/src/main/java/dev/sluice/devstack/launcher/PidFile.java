package dev.sluice.devstack.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Remembers the launcher and its child processes in the data directory, so that a run
 * after a launcher that died without stopping them (kill -9, a closed laptop lid) can
 * stop what it left behind instead of failing on ports in use. Each line holds a pid and
 * the process start time, so a recycled pid is never mistaken for a leftover.
 */
final class PidFile {

	private final Path file;

	PidFile(Path dataDir) {
		this.file = dataDir.resolve("stack.pids");
	}

	/**
	 * The launcher that wrote the file, if it still runs.
	 * @return its process
	 */
	Optional<ProcessHandle> runningLauncher() {
		List<String> lines = lines();
		return lines.isEmpty() ? Optional.empty() : find(lines.get(0));
	}

	/**
	 * Kill (SIGKILL) the recorded child processes that still run; call only when no
	 * launcher runs.
	 * @return a description of each process killed
	 */
	List<String> killLeftovers() {
		List<String> killed = new ArrayList<>();
		List<String> lines = lines();
		for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
			find(line).ifPresent((process) -> {
				killed.add(process.pid() + " " + process.info().commandLine().orElse("(unknown command)"));
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly();
			});
		}
		delete();
		return killed;
	}

	void write(List<ProcessHandle> children) {
		List<String> lines = new ArrayList<>();
		lines.add(line(ProcessHandle.current()));
		children.forEach((child) -> lines.add(line(child)));
		try {
			Files.createDirectories(this.file.getParent());
			Files.write(this.file, lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.file, ex);
		}
	}

	void delete() {
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			// A stale file is harmless: the start times in it will not match.
		}
	}

	private List<String> lines() {
		try {
			return Files.exists(this.file) ? Files.readAllLines(this.file) : List.of();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private static Optional<ProcessHandle> find(String line) {
		String[] parts = line.strip().split(" ");
		if (parts.length != 2 || !parts[0].matches("\\d{1,18}")) {
			return Optional.empty();
		}
		Instant started;
		try {
			started = Instant.parse(parts[1]);
		}
		catch (DateTimeException ex) {
			return Optional.empty();
		}
		return ProcessHandle.of(Long.parseLong(parts[0]))
			.filter(ProcessHandle::isAlive)
			.filter((process) -> process.info().startInstant().map(started::equals).orElse(false));
	}

	private static String line(ProcessHandle process) {
		return process.pid() + " " + process.info().startInstant().orElse(Instant.EPOCH);
	}

}
