package dev.sluice.devstack.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * What {@link ChildProcess#builder(String, List)} starts: command, environment, working
 * directory, port, and where the output goes, which must be chosen.
 */
public final class ChildProcessBuilder {

	private final String name;

	private final ProcessBuilder builder;

	private int port = -1;

	private @Nullable ProcessOutput output;

	ChildProcessBuilder(String name, List<String> command) {
		this.name = name;
		this.builder = new ProcessBuilder(List.copyOf(command));
	}

	/**
	 * @param variables added to (or replacing those of) this JVM's environment
	 * @return this builder
	 */
	public ChildProcessBuilder environment(Map<String, String> variables) {
		this.builder.environment().putAll(variables);
		return this;
	}

	/**
	 * @param directory the working directory; this JVM's unless given
	 * @return this builder
	 */
	public ChildProcessBuilder directory(Path directory) {
		this.builder.directory(directory.toFile());
		return this;
	}

	/**
	 * @param port the loopback port the process will serve on; its command or environment
	 * tells it so, not this
	 * @return this builder
	 */
	public ChildProcessBuilder port(int port) {
		this.port = port;
		return this;
	}

	/**
	 * @param directory where {@code <name>.log} goes, appended to on every start
	 * @return this builder
	 */
	public ChildProcessBuilder logTo(Path directory) {
		this.output = ProcessOutput.appendTo(directory.resolve(this.name + ".log"));
		return this;
	}

	/**
	 * @param lines takes each line the process prints, on a thread of its own
	 * @return this builder
	 */
	public ChildProcessBuilder eachLine(Consumer<String> lines) {
		this.output = ProcessOutput.eachLine(lines);
		return this;
	}

	/**
	 * @return the started process
	 * @throws IllegalStateException if no output was chosen
	 * @throws java.io.UncheckedIOException if it cannot be started
	 */
	public ChildProcess start() {
		if (this.output == null) {
			throw new IllegalStateException(
					"Say where the output of " + this.name + " goes: logTo(directory) or eachLine(consumer)");
		}
		return new ChildProcess(this.name, this.builder, this.port, this.output).start();
	}

}
