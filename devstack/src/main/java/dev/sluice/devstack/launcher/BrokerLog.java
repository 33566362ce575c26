package dev.sluice.devstack.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows a broker's log file (the broker writes there, not to a pipe) and prints what it
 * appends as {@code kafka | ...} lines (or {@code kafka-2 | ...}, for a node of a
 * cluster), starting from the end the file had when following began, so that earlier runs
 * stay out of the console.
 */
final class BrokerLog implements AutoCloseable {

	private final Path file;

	private final String name;

	private final Console console;

	private final Thread thread;

	private volatile boolean running = true;

	private long position;

	BrokerLog(Path file, Console console) {
		this(file, "kafka", console);
	}

	/**
	 * @param file the broker's log
	 * @param name the console name of its lines, e.g. {@code kafka-2}
	 * @param console where they go
	 */
	BrokerLog(Path file, String name, Console console) {
		this.file = file;
		this.name = name;
		this.console = console;
		this.position = size(file);
		this.thread = new Thread(this::follow, name + "-log");
		this.thread.setDaemon(true);
	}

	BrokerLog start() {
		this.thread.start();
		return this;
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(2000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void follow() {
		StringBuilder partial = new StringBuilder();
		while (true) {
			boolean last = !this.running;
			readNewLines(partial);
			if (last) {
				return;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
		}
	}

	private void readNewLines(StringBuilder partial) {
		if (!Files.exists(this.file)) {
			return;
		}
		try (RandomAccessFile in = new RandomAccessFile(this.file.toFile(), "r")) {
			if (in.length() < this.position) {
				this.position = 0;
			}
			in.seek(this.position);
			byte[] bytes = new byte[(int) Math.min(in.length() - this.position, 1 << 20)];
			in.readFully(bytes);
			this.position += bytes.length;
			partial.append(new String(bytes, StandardCharsets.UTF_8));
			int newline;
			while ((newline = partial.indexOf("\n")) >= 0) {
				this.console.line(this.name, partial.substring(0, newline).stripTrailing());
				partial.delete(0, newline + 1);
			}
		}
		catch (IOException ex) {
			// A rotated or half-written file: read it again on the next round.
		}
	}

	private static long size(Path file) {
		try {
			return Files.exists(file) ? Files.size(file) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
