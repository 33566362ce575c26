package dev.sluice.bench.cpu;

import java.util.List;
import java.util.Set;

/**
 * The CPU each watched process spent over one window of a run, e.g. its steady phase.
 *
 * @param processes one entry per watched process, in the order they were watched
 * @param windowNanos the wall-clock length of the window; 0 if it was not measured
 */
public record CpuUsage(List<ProcessCpu> processes, long windowNanos) {

	/** Nothing measured: the window never closed, or nothing was watched. */
	public static final CpuUsage NONE = new CpuUsage(List.of(), 0);

	public CpuUsage {
		processes = List.copyOf(processes);
	}

	public boolean measured() {
		return this.windowNanos > 0 && !this.processes.isEmpty();
	}

	/**
	 * @param roles the roles to add up
	 * @return the CPU ms of every process with one of them; NaN if there is none, or one
	 * could not be measured
	 */
	public double millis(Set<Role> roles) {
		List<ProcessCpu> matching = this.processes.stream().filter((p) -> roles.contains(p.role())).toList();
		return matching.isEmpty() ? Double.NaN : matching.stream().mapToDouble(ProcessCpu::millis).sum();
	}

	/**
	 * @param role one role
	 * @return {@link #millis(Set)} of that role
	 */
	public double millis(Role role) {
		return millis(Set.of(role));
	}

	/**
	 * @param millis CPU ms spent over the window
	 * @return how many cores that kept busy on average; NaN without a window
	 */
	public double cores(double millis) {
		return (this.windowNanos > 0) ? millis * 1e6 / this.windowNanos : Double.NaN;
	}

	/**
	 * @param millis CPU ms spent over the window
	 * @param completed queries completed in the same window
	 * @return CPU ms per completed query; NaN if none completed
	 */
	public static double perQuery(double millis, long completed) {
		return (completed > 0) ? millis / completed : Double.NaN;
	}

}
