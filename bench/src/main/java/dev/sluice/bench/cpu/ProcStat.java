package dev.sluice.bench.cpu;

/**
 * The fields of one {@code /proc/<pid>/stat} line that CPU accounting needs, times in
 * clock ticks.
 *
 * @param pid the process id
 * @param comm the executable name, without the parentheses around it
 * @param ppid the parent's process id
 * @param utime user time of the process (all its threads, dead ones included)
 * @param stime system time of the process
 * @param cutime user time of its children that it has waited for (reaped)
 * @param cstime system time of its reaped children
 * @param startTime when it started, in ticks since boot: with the pid, it tells a process
 * from a later one that reuses the pid
 */
record ProcStat(long pid, String comm, long ppid, long utime, long stime, long cutime, long cstime, long startTime) {

	/**
	 * Parse a stat line.
	 * @param line the content of {@code /proc/<pid>/stat}
	 * @return its fields
	 * @throws IllegalArgumentException if it is not a stat line
	 */
	static ProcStat parse(String line) {
		// comm may hold spaces and parentheses ("(sd-pam)", "(my (app))"): it ends at the
		// last ')', and every field after it is a plain number or the state letter.
		int open = line.indexOf('(');
		int close = line.lastIndexOf(')');
		if (open < 1 || close < open) {
			throw new IllegalArgumentException("Not a /proc/<pid>/stat line: '" + line + "'");
		}
		String[] rest = line.substring(close + 1).trim().split(" +");
		if (rest.length < 20) {
			throw new IllegalArgumentException("Too few fields in /proc/<pid>/stat line: '" + line + "'");
		}
		try {
			// rest[0] is field 3 of proc(5) (state): field n is rest[n - 3].
			return new ProcStat(Long.parseLong(line.substring(0, open).trim()), line.substring(open + 1, close),
					Long.parseLong(rest[1]), Long.parseLong(rest[11]), Long.parseLong(rest[12]),
					Long.parseLong(rest[13]), Long.parseLong(rest[14]), Long.parseLong(rest[19]));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a /proc/<pid>/stat line: '" + line + "'", ex);
		}
	}

	/**
	 * @return the process's own CPU time, user and system
	 */
	long ownTicks() {
		return this.utime + this.stime;
	}

	/**
	 * @return the CPU time of its reaped children
	 */
	long reapedChildrenTicks() {
		return this.cutime + this.cstime;
	}

}
