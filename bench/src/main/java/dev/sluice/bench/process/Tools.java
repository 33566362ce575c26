package dev.sluice.bench.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** The external programs the benchmarks drive, found on the PATH or failing clearly. */
public final class Tools {

	private Tools() {
	}

	/**
	 * @param program e.g. {@code pgbench}
	 * @param debianPackage the package that provides it
	 * @return the program's path
	 * @throws IllegalStateException naming the package to install if it is missing
	 */
	public static Path require(String program, String debianPackage) {
		// sbin is not on every user's PATH, and Debian installs pgbouncer there.
		String directories = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin"
				+ File.pathSeparator + "/usr/local/sbin";
		for (String directory : directories.split(File.pathSeparator)) {
			Path path = Path.of(directory, program);
			if (!directory.isEmpty() && Files.isExecutable(path)) {
				return path;
			}
		}
		throw new IllegalStateException(program + " is not installed, and the benchmark needs it. Install it with "
				+ "'apt-get update && apt-get install -y " + debianPackage + "' (as root), then run again.");
	}

	/**
	 * @return whether this process runs as root (PgBouncer refuses to, so it drops to
	 * postgres)
	 */
	public static boolean runningAsRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

}
