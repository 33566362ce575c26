package dev.sluice.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Spring Boot app of the stack ({@code java -jar}) as a child process: its output is
 * printed line by line with its name in front and its last lines are kept for failure
 * reports.
 */
final class AppProcess {

	private final String name;

	private final ProcessBuilder builder;

	private final int port;

	private final Console console;

	private final TailBuffer tail = new TailBuffer(40);

	private volatile boolean stopping;

	private Process process;

	private Thread pump;

	AppProcess(String name, List<String> command, Map<String, String> environment, Path directory, int port,
			Console console) {
		this.name = name;
		this.port = port;
		this.console = console;
		this.builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
		this.builder.environment().putAll(environment);
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	void start() {
		try {
			this.process = this.builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + this.name + ": " + ex.getMessage(), ex);
		}
		this.pump = new Thread(this::pump, this.name + "-output");
		this.pump.setDaemon(true);
		this.pump.start();
	}

	boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Whether the process ended without being asked to.
	 * @return {@code true} if it exited and {@link #stop(Duration)} was not called
	 */
	boolean exitedOnItsOwn() {
		return this.process != null && !this.process.isAlive() && !this.stopping;
	}

	int exitCode() {
		return this.process.exitValue();
	}

	ProcessHandle handle() {
		return this.process.toHandle();
	}

	/**
	 * The last lines the process printed; once it has ended, including everything still
	 * in the pipe (the stack trace of a crash comes last).
	 * @return the lines, indented
	 */
	String tail() {
		if (this.pump != null && !isAlive()) {
			try {
				this.pump.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return this.tail.text("    ");
	}

	/** Ask the process and anything it started to stop (SIGTERM), without waiting. */
	void requestStop() {
		this.stopping = true;
		if (this.process != null) {
			this.process.descendants().forEach(ProcessHandle::destroy);
			// Not Process.destroy(): that also closes our end of the child's output pipe,
			// and the child's shutdown log would then die with SIGPIPE.
			this.process.toHandle().destroy();
		}
	}

	/**
	 * Wait for the process to end after {@link #requestStop()}, killing it (SIGKILL) with
	 * everything it started once {@code grace} has passed.
	 * @param grace how long a graceful shutdown may take
	 */
	void awaitStop(Duration grace) {
		if (this.process == null) {
			return;
		}
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.console.say(this.name + " did not stop within " + grace.toSeconds() + " s; killing it");
				kill();
			}
			// Print what it said while stopping before the next process stops.
			this.pump.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
		}
	}

	void kill() {
		this.stopping = true;
		if (this.process != null) {
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void pump() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.tail.add(line);
				this.console.line(this.name, line);
			}
		}
		catch (IOException ex) {
			// The process ended and its pipe closed under us: nothing more to print.
		}
	}

}
