package dev.sluice.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code ./sluice} as a child process of the test: its output, and every
 * process that descended from it at any moment (sampled every 100 ms), so a test can
 * check afterwards that none of them survived.
 */
final class LauncherRun implements AutoCloseable {

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private final Set<ProcessHandle> descendants = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "launcher-descendants");
		thread.setDaemon(true);
		return thread;
	});

	private LauncherRun(Process process) {
		this.process = process;
		Thread output = new Thread(this::readOutput, "launcher-output");
		output.setDaemon(true);
		output.start();
		this.sampler.scheduleAtFixedRate(() -> process.descendants().forEach(this.descendants::add), 0, 100,
				TimeUnit.MILLISECONDS);
		process.onExit().thenRun(this.sampler::shutdown);
	}

	static LauncherRun start(Path repository, Map<String, String> environment, List<String> args) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(repository.resolve("sluice").toString());
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true);
		builder.environment().putAll(environment);
		return new LauncherRun(builder.start());
	}

	String output() {
		return String.join("\n", this.lines);
	}

	boolean printed(String text) {
		return this.lines.stream().anyMatch((line) -> line.contains(text));
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** Every process that descended from the launcher while it ran. */
	Set<ProcessHandle> descendants() {
		return Set.copyOf(this.descendants);
	}

	/**
	 * Send a signal, as a terminal or a service manager would.
	 * @param signal e.g. {@code INT}
	 */
	void signal(String signal) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(this.process.pid())).start();
		if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
			throw new IllegalStateException("kill -" + signal + " " + this.process.pid() + " failed");
		}
	}

	/**
	 * Wait for the launcher to exit.
	 * @param timeout how long at most
	 * @return its exit code
	 * @throws IllegalStateException with its output if it is still running
	 */
	int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException(
					"./sluice did not exit within " + timeout.toSeconds() + " s. Output:\n" + output());
		}
		return this.process.exitValue();
	}

	/**
	 * Whatever a failed test left running goes, so that one failure does not spoil the
	 * next test.
	 */
	@Override
	public void close() {
		this.sampler.shutdownNow();
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		this.descendants.forEach(ProcessHandle::destroyForcibly);
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// The launcher ended: its output is complete.
		}
	}

	/**
	 * A free port on 127.0.0.1 whose next {@code count - 1} ports are free too.
	 * @param count how many consecutive ports
	 * @return the first port
	 */
	static int freePorts(int count) throws IOException {
		for (int attempt = 0; attempt < 50; attempt++) {
			int first;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				first = socket.getLocalPort();
			}
			if (first + count <= 65535 && allFree(first, count)) {
				return first;
			}
		}
		throw new IllegalStateException("No " + count + " consecutive free ports on 127.0.0.1");
	}

	private static boolean allFree(int first, int count) {
		for (int port = first; port < first + count; port++) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				socket.setReuseAddress(true);
			}
			catch (IOException ex) {
				return false;
			}
		}
		return true;
	}

}
