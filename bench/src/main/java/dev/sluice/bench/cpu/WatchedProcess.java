package dev.sluice.bench.cpu;

/**
 * A process whose CPU a run measures.
 *
 * @param name its name in reports, e.g. {@code worker-1}
 * @param role what it does
 * @param pid its process id
 * @param withChildren whether its child processes count too, those running and those that
 * exit while measured (PostgreSQL's backends)
 */
public record WatchedProcess(String name, Role role, long pid, boolean withChildren) {

	/**
	 * @return one process on its own
	 */
	public static WatchedProcess single(String name, Role role, long pid) {
		return new WatchedProcess(name, role, pid, false);
	}

}
