package dev.sluice.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a process holds of the machine, read from {@code /proc}: resident memory and open
 * file descriptors (sockets included).
 *
 * @param rssBytes resident set size
 * @param openFiles entries of {@code /proc/<pid>/fd}
 */
public record ProcessFootprint(long rssBytes, int openFiles) {

	/**
	 * @param pid a process of this machine
	 * @return its footprint now, or empty if it is gone
	 */
	public static Optional<ProcessFootprint> of(long pid) {
		Path process = Path.of("/proc", Long.toString(pid));
		try (Stream<Path> descriptors = Files.list(process.resolve("fd"))) {
			int openFiles = (int) descriptors.count();
			for (String line : Files.readAllLines(process.resolve("status"))) {
				if (line.startsWith("VmRSS:")) {
					long kilobytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
					return Optional.of(new ProcessFootprint(kilobytes * 1024, openFiles));
				}
			}
			return Optional.empty();
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

}
