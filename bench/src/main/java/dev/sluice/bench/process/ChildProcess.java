package dev.sluice.bench.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process the harness started, logging to a file of the run's raw folder, stopped with
 * SIGTERM (then SIGKILL after a grace period) when closed.
 */
public final class ChildProcess implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final Path log;

	private final Process process;

	private ChildProcess(String name, Path log, Process process) {
		this.name = name;
		this.log = log;
		this.process = process;
	}

	/**
	 * @param name for messages and the log file name
	 * @param command the command line
	 * @param environment added to the harness's environment
	 * @param logDirectory where {@code <name>.log} goes
	 * @return the started process
	 */
	public static ChildProcess start(String name, List<String> command, Map<String, String> environment,
			Path logDirectory) {
		Path log = logDirectory.resolve(name + ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		try {
			Files.createDirectories(logDirectory);
			return new ChildProcess(name, log, builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name + " (" + String.join(" ", command) + ")", ex);
		}
	}

	/**
	 * @return the command line of a JVM like the harness's own, on the given classpath
	 */
	public static List<String> java(String... arguments) {
		String java = ProcessHandle.current().info().command().orElse("java");
		return java.endsWith("java") ? prepend(java, arguments) : prepend("java", arguments);
	}

	private static List<String> prepend(String first, String... rest) {
		java.util.ArrayList<String> all = new java.util.ArrayList<>(List.of(first));
		all.addAll(List.of(rest));
		return all;
	}

	/**
	 * Wait until a GET of the URL answers 200.
	 * @param url the health URL
	 * @param timeout how long to wait
	 */
	public void awaitHealthy(String url, Duration timeout) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with " + this.process.exitValue()
						+ " while starting; see " + this.log + ":\n" + logTail());
			}
			try {
				if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet: keep polling until the deadline.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + this.name, ex);
			}
			pause(Duration.ofMillis(250));
		}
		throw new IllegalStateException(this.name + " did not answer 200 on " + url + " within " + timeout.toSeconds()
				+ " s; see " + this.log + ":\n" + logTail());
	}

	/**
	 * @return the name it was started with, e.g. {@code worker-1}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * @return the operating system's id of the process
	 */
	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	public static void pause(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
