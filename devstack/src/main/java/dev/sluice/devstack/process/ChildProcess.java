package dev.sluice.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * A process this JVM starts, such as one of Sluice's apps: its output goes to a log file
 * or is handed on line by line, and stopping it stops every process it started too.
 *
 * <pre>{@code
 * ChildProcess worker = ChildProcess.builder("worker-1", ChildProcess.java("-jar", jar.toString()))
 *     .environment(Map.of("SERVER_PORT", "8081"))
 *     .port(8081)
 *     .logTo(logs)                 // logs/worker-1.log, appended to
 *     .start();
 * Readiness.within(Duration.ofMinutes(2)).await(worker, Probe.springBootApp(worker.port()));
 * worker.close();                  // SIGTERM, and SIGKILL after 60 s
 * }</pre>
 *
 * A stop signals the process and its descendants through their {@link ProcessHandle}s,
 * never through {@link Process#destroy()}: that also closes this JVM's end of the output
 * pipe, and the child's shutdown log would then die with SIGPIPE. Piped output is read
 * until the child exits. A stopped process may be started again, with the same command,
 * environment and log.
 */
public final class ChildProcess implements AutoCloseable {

	/** How long {@link #close()} lets the process end on its own before killing it. */
	public static final Duration CLOSE_GRACE = Duration.ofSeconds(60);

	private static final Duration KILL_WAIT = Duration.ofSeconds(30);

	private static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

	private final String name;

	private final ProcessBuilder builder;

	private final int port;

	private final ProcessOutput output;

	private volatile boolean stopping;

	private volatile @Nullable Process process;

	ChildProcess(String name, ProcessBuilder builder, int port, ProcessOutput output) {
		this.name = name;
		this.builder = builder;
		this.port = port;
		this.output = output;
	}

	/**
	 * Describe a process to start; its output must be sent somewhere with
	 * {@link ChildProcessBuilder#logTo(Path)} or
	 * {@link ChildProcessBuilder#eachLine(Consumer)}.
	 * @param name for messages, log file and thread names, e.g. {@code worker-1}
	 * @param command the command line
	 * @return the builder
	 */
	public static ChildProcessBuilder builder(String name, List<String> command) {
		return new ChildProcessBuilder(name, command);
	}

	/**
	 * The command line of a JVM like this one (the same {@code java} executable).
	 * @param arguments its options, main class or {@code -jar} and arguments
	 * @return the command line
	 */
	public static List<String> java(String... arguments) {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>();
		command.add(java.endsWith("java") ? java : "java");
		command.addAll(List.of(arguments));
		return command;
	}

	/**
	 * Start the process, or start it again once it has ended.
	 * @return this process
	 * @throws IllegalStateException if it is running
	 * @throws UncheckedIOException if it cannot be started
	 */
	public ChildProcess start() {
		if (isAlive()) {
			throw new IllegalStateException(this.name + " is running already, as pid " + pid());
		}
		try {
			this.process = this.output.redirect(this.builder).start();
		}
		catch (IOException ex) {
			// The program alone: the arguments may hold a password.
			throw new UncheckedIOException(
					"Cannot start " + this.name + " (" + this.builder.command().get(0) + "): " + ex, ex);
		}
		this.stopping = false;
		this.output.follow(this.process, this.name);
		return this;
	}

	public String name() {
		return this.name;
	}

	/**
	 * @return the loopback port the process serves on
	 * @throws IllegalStateException if it was described without one
	 */
	public int port() {
		if (this.port < 0) {
			throw new IllegalStateException(this.name + " was started without a port");
		}
		return this.port;
	}

	/**
	 * @return {@code http://127.0.0.1:<port>}, for a process that serves HTTP
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	public long pid() {
		return started().pid();
	}

	public boolean isAlive() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * @return {@code true} if it ended without a stop or kill from here
	 */
	public boolean exitedOnItsOwn() {
		return this.process != null && !this.process.isAlive() && !this.stopping;
	}

	/**
	 * @return the exit code
	 * @throws IllegalThreadStateException if it has not ended
	 */
	public int exitCode() {
		return started().exitValue();
	}

	/**
	 * The last lines the process printed, for a failure message; once it has ended,
	 * including what was still in the pipe (the stack trace of a crash comes last).
	 * @return the lines, indented, under a line that says where the whole output is
	 */
	public String lastLines() {
		if (this.process != null && !this.process.isAlive()) {
			try {
				this.output.awaitDrained(DRAIN_WAIT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return this.output.lastLines();
	}

	/** Ask the process and everything it started to stop (SIGTERM), without waiting. */
	public void requestStop() {
		this.stopping = true;
		Process running = this.process;
		if (running != null) {
			running.descendants().forEach(ProcessHandle::destroy);
			// Not running.destroy(): that closes the output pipe (see above, SIGPIPE).
			running.toHandle().destroy();
		}
	}

	/**
	 * Wait for the process to end after {@link #requestStop()}, then for its last output;
	 * kill it (SIGKILL) with everything it started once {@code grace} has passed.
	 * @param grace how long a graceful shutdown may take
	 * @return {@code true} if it ended within {@code grace}, {@code false} if it was
	 * killed
	 */
	public boolean awaitStop(Duration grace) {
		Process running = this.process;
		if (running == null) {
			return true;
		}
		try {
			boolean ended = running.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
			if (!ended) {
				kill();
			}
			// Hand on what it said while stopping before anything else stops.
			this.output.awaitDrained(DRAIN_WAIT);
			return ended;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
			return false;
		}
	}

	/**
	 * {@link #requestStop()}, then {@link #awaitStop(Duration)}.
	 * @param grace how long a graceful shutdown may take
	 * @return {@code true} if it ended within {@code grace}, {@code false} if it was
	 * killed
	 */
	public boolean stop(Duration grace) {
		requestStop();
		return awaitStop(grace);
	}

	/** Kill the process and everything it started (SIGKILL), as a crash would. */
	public void kill() {
		this.stopping = true;
		Process running = this.process;
		if (running == null) {
			return;
		}
		running.descendants().forEach(ProcessHandle::destroyForcibly);
		running.toHandle().destroyForcibly();
		try {
			running.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Stop with a grace of {@link #CLOSE_GRACE}. */
	@Override
	public void close() {
		stop(CLOSE_GRACE);
	}

	private Process started() {
		Process running = this.process;
		if (running == null) {
			throw new IllegalStateException(this.name + " has not been started");
		}
		return running;
	}

}
