package dev.sluice.bench.cpu;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The CPU ticks of a watched process at one instant: its own, and for a process tree
 * those of each child alive then and of the children it has reaped so far.
 *
 * @param root the watched process
 * @param ticks own CPU ticks (utime + stime) of the root and, for a tree, of each child
 * @param reapedTicks cutime + cstime of the root for a tree, 0 otherwise
 */
record TreeReading(ProcessId root, Map<ProcessId, Long> ticks, long reapedTicks) {

	TreeReading {
		ticks = Map.copyOf(ticks);
	}

	/**
	 * The CPU the tree spent between two readings. A child alive at both counts its
	 * difference; one born in between counts whole; one that exited in between left its
	 * whole life's CPU in the root's reaped total, so the part it had spent before the
	 * first reading is taken back out.
	 * @param start the earlier reading
	 * @param end the later reading
	 * @return the ticks, or empty if the root itself is not the same process in both
	 */
	static OptionalLong ticksBetween(TreeReading start, TreeReading end) {
		if (!start.root.equals(end.root) || !start.ticks.containsKey(start.root) || !end.ticks.containsKey(end.root)) {
			return OptionalLong.empty();
		}
		long total = end.reapedTicks - start.reapedTicks;
		for (Map.Entry<ProcessId, Long> process : end.ticks.entrySet()) {
			total += process.getValue() - start.ticks.getOrDefault(process.getKey(), 0L);
		}
		for (Map.Entry<ProcessId, Long> process : start.ticks.entrySet()) {
			if (!end.ticks.containsKey(process.getKey())) {
				total -= process.getValue();
			}
		}
		return OptionalLong.of(total);
	}

	/**
	 * A process, told apart from a later one that reuses its pid by its start time.
	 *
	 * @param pid the process id
	 * @param startTime ticks since boot when it started
	 */
	record ProcessId(long pid, long startTime) {

		static ProcessId of(ProcStat stat) {
			return new ProcessId(stat.pid(), stat.startTime());
		}

	}

}
