package dev.sluice.devstack.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Where a child's output (stdout and stderr, merged) goes, and the last lines of it for a
 * failure message: appended to a log file by the child itself, or read from a pipe and
 * handed on line by line.
 */
abstract sealed class ProcessOutput {

	private static final int TAIL_LINES = 40;

	static ProcessOutput appendTo(Path file) {
		return new LogFile(file);
	}

	static ProcessOutput eachLine(Consumer<String> lines) {
		return new Lines(lines);
	}

	/** Point the child's output where it goes; called before each start. */
	abstract ProcessBuilder redirect(ProcessBuilder builder) throws IOException;

	/** Begin reading what the child prints; called after each start. */
	abstract void follow(Process process, String name);

	/**
	 * Wait until what the child printed before it exited has been handed on.
	 * @param timeout how long at most
	 */
	abstract void awaitDrained(Duration timeout) throws InterruptedException;

	/** The last lines, indented, under a line that says where they come from. */
	abstract String lastLines();

	private static final class LogFile extends ProcessOutput {

		private final Path file;

		LogFile(Path file) {
			this.file = file.toAbsolutePath();
		}

		@Override
		ProcessBuilder redirect(ProcessBuilder builder) throws IOException {
			Files.createDirectories(this.file.getParent());
			return builder.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.file.toFile()));
		}

		@Override
		void follow(Process process, String name) {
			// The child writes to the file itself: there is no pipe to drain.
		}

		@Override
		void awaitDrained(Duration timeout) {
		}

		@Override
		String lastLines() {
			TailBuffer tail = new TailBuffer(TAIL_LINES);
			try {
				// Decoded leniently: a log cut in the middle of a character is still
				// read.
				new String(Files.readAllBytes(this.file), StandardCharsets.UTF_8).lines().forEach(tail::add);
			}
			catch (IOException ex) {
				return "Its log " + this.file + " cannot be read: " + ex;
			}
			return "Its last lines, from " + this.file + ":\n" + tail.text("    ");
		}

	}

	private static final class Lines extends ProcessOutput {

		private final Consumer<String> lines;

		private final TailBuffer tail = new TailBuffer(TAIL_LINES);

		private volatile @Nullable Thread pump;

		Lines(Consumer<String> lines) {
			this.lines = lines;
		}

		@Override
		ProcessBuilder redirect(ProcessBuilder builder) {
			return builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE);
		}

		@Override
		void follow(Process process, String name) {
			this.pump = new Thread(() -> pump(process), name + "-output");
			this.pump.setDaemon(true);
			this.pump.start();
		}

		@Override
		void awaitDrained(Duration timeout) throws InterruptedException {
			if (this.pump != null) {
				this.pump.join(timeout);
			}
		}

		@Override
		String lastLines() {
			return "Its last lines:\n" + this.tail.text("    ");
		}

		private void pump(Process process) {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					this.tail.add(line);
					this.lines.accept(line);
				}
			}
			catch (IOException ex) {
				// The process ended and its pipe closed under us: nothing more to print.
			}
		}

	}

}
