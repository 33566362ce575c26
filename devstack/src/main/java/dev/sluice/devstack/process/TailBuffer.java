package dev.sluice.devstack.process;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines a process printed, for the message that reports its failure. */
final class TailBuffer {

	private final int capacity;

	private final Deque<String> lines = new ArrayDeque<>();

	TailBuffer(int capacity) {
		this.capacity = capacity;
	}

	synchronized void add(String line) {
		if (this.lines.size() == this.capacity) {
			this.lines.removeFirst();
		}
		this.lines.addLast(line);
	}

	synchronized String text(String indent) {
		if (this.lines.isEmpty()) {
			return indent + "(it printed nothing)";
		}
		StringBuilder text = new StringBuilder();
		for (String line : this.lines) {
			text.append(indent).append(line).append('\n');
		}
		return text.toString().stripTrailing();
	}

}
