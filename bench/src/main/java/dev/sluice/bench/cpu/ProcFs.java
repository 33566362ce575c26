package dev.sluice.bench.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

/** Linux's {@code /proc}: process stat lines, command lines, and the clock tick. */
public final class ProcFs {

	private static final Path PROC = Path.of("/proc");

	private ProcFs() {
	}

	/**
	 * @param pid a process id
	 * @return its stat line parsed, or empty if it is gone or unreadable
	 */
	static Optional<ProcStat> stat(long pid) {
		try {
			return Optional.of(ProcStat.parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
		}
		catch (IOException | IllegalArgumentException ex) {
			// Gone between listing and reading, or not ours to read: not running for us.
			return Optional.empty();
		}
	}

	/**
	 * @return the stat of every process whose parent is {@code ppid}
	 */
	static List<ProcStat> children(long ppid) {
		List<ProcStat> children = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
			for (Path entry : entries) {
				stat(Long.parseLong(entry.getFileName().toString())).filter((stat) -> stat.ppid() == ppid)
					.ifPresent(children::add);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot list /proc: " + ex.getMessage(), ex);
		}
		return children;
	}

	/**
	 * @param backendPid a PostgreSQL backend's id ({@code pg_backend_pid()})
	 * @return the postmaster's id, or empty if that backend is not a process of this host
	 * (PostgreSQL runs elsewhere, or in a container of its own)
	 */
	public static OptionalLong postmasterOf(long backendPid) {
		Optional<ProcStat> postmaster = stat(backendPid).filter(ProcFs::isPostgres)
			.flatMap((backend) -> stat(backend.ppid()))
			.filter(ProcFs::isPostgres);
		return postmaster.isPresent() ? OptionalLong.of(postmaster.get().pid()) : OptionalLong.empty();
	}

	private static boolean isPostgres(ProcStat stat) {
		return stat.comm().startsWith("postgres") || stat.comm().startsWith("postmaster");
	}

	/**
	 * A child process of this JVM found by its command line, for processes started by
	 * code that does not hand out their ids (the Kafka broker of devstack).
	 * @param commandLine what its arguments, joined by spaces, must satisfy
	 * @return its id, or empty if no child matches
	 */
	public static OptionalLong childOfThisJvm(Predicate<String> commandLine) {
		return ProcessHandle.current()
			.children()
			.filter((child) -> commandLine.test(commandLine(child.pid())))
			.mapToLong(ProcessHandle::pid)
			.findFirst();
	}

	private static String commandLine(long pid) {
		try {
			byte[] bytes = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
			return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ');
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Read a watched process's CPU now.
	 * @param process what to read
	 * @return the reading, or empty if the process is gone
	 */
	static Optional<TreeReading> read(WatchedProcess process) {
		Optional<ProcStat> before = stat(process.pid());
		for (int attempt = 1; before.isPresent(); attempt++) {
			ProcStat root = before.get();
			Map<TreeReading.ProcessId, Long> ticks = new HashMap<>();
			ticks.put(TreeReading.ProcessId.of(root), root.ownTicks());
			if (!process.withChildren()) {
				return Optional.of(new TreeReading(TreeReading.ProcessId.of(root), ticks, 0));
			}
			for (ProcStat child : children(process.pid())) {
				ticks.put(TreeReading.ProcessId.of(child), child.ownTicks());
			}
			// A child reaped while the children were listed would count twice or not at
			// all: its CPU moves into the root's reaped total. Such a listing is retried.
			Optional<ProcStat> after = stat(process.pid());
			if (after.isEmpty() || after.get().reapedChildrenTicks() == root.reapedChildrenTicks() || attempt == 5) {
				return Optional.of(new TreeReading(TreeReading.ProcessId.of(root), ticks, root.reapedChildrenTicks()));
			}
			before = after;
		}
		return Optional.empty();
	}

	/**
	 * @return clock ticks per second ({@code getconf CLK_TCK}), 100 if it cannot be asked
	 */
	static long clockTicksPerSecond() {
		try {
			Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
			String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			return (getconf.waitFor() == 0) ? Long.parseLong(answer) : 100;
		}
		catch (IOException | NumberFormatException ex) {
			// Linux has used 100 on every common architecture for decades.
			return 100;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 100;
		}
	}

}
