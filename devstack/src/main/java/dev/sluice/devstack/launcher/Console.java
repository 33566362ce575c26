package dev.sluice.devstack.launcher;

import java.io.PrintStream;

/**
 * The launcher's one output: child log lines prefixed with the process name, padded so
 * that the lines of every process line up ({@code kafka    | ...},
 * {@code worker-1 | ...}), and the launcher's own lines without a prefix. Whole lines
 * only, whichever thread prints them.
 */
final class Console {

	private final PrintStream out;

	private final int width;

	Console(PrintStream out, int width) {
		this.out = out;
		this.width = width;
	}

	synchronized void line(String process, String text) {
		this.out.println(String.format("%-" + this.width + "s | %s", process, text));
		this.out.flush();
	}

	synchronized void say(String text) {
		this.out.println(text);
		this.out.flush();
	}

}
