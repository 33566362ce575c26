package dev.sluice.bench.report;

import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SortedMap;

import dev.sluice.bench.cpu.CpuUsage;
import dev.sluice.bench.cpu.Role;
import dev.sluice.bench.load.ClientMode;
import dev.sluice.bench.load.Recorder;
import dev.sluice.bench.sample.Sample;
import org.HdrHistogram.Histogram;

/**
 * Everything measured for one target in one run.
 *
 * @param target the target's name
 * @param mode how its users asked for rows; submit and end-to-end differ unless
 * {@link ClientMode#REQUEST}
 * @param connectionBudget the most database connections the target may hold
 * @param seconds what the users saw, per second
 * @param submitLatency all submit latencies, ms
 * @param endToEndLatency all end-to-end latencies, ms
 * @param failedSubmissions submissions that got no 2xx
 * @param samples what the samplers read, per second
 * @param steadyFrom first second of the steady phase
 * @param steadyTo end of the steady phase (exclusive)
 * @param cpu the CPU each process spent in the steady phase
 */
public record TargetRun(String target, ClientMode mode, int connectionBudget,
		SortedMap<Long, Recorder.SecondView> seconds, Histogram submitLatency, Histogram endToEndLatency,
		long failedSubmissions, List<Sample> samples, long steadyFrom, long steadyTo, CpuUsage cpu) {

	public boolean asynchronous() {
		return this.mode.asynchronous();
	}

	public long requests() {
		return this.seconds.values().stream().mapToLong(Recorder.SecondView::started).sum();
	}

	public long completed() {
		return this.seconds.values().stream().mapToLong(Recorder.SecondView::completed).sum();
	}

	public long errors() {
		return this.seconds.values().stream().mapToLong(Recorder.SecondView::errorCount).sum();
	}

	public long errors(dev.sluice.bench.load.ErrorKind kind) {
		return this.seconds.values().stream().mapToLong((second) -> second.errors().get(kind)).sum();
	}

	/**
	 * @return errors as a share of the requests that ended, in percent
	 */
	public double errorPercent() {
		long ended = completed() + errors();
		return (ended == 0) ? 0 : 100.0 * errors() / ended;
	}

	public int maxDbConnections() {
		return this.samples.stream().mapToInt(Sample::dbConnections).max().orElse(0);
	}

	/**
	 * @return mean DB queries per second over the whole load (stages only)
	 */
	public double meanDbQps() {
		long end = this.steadyTo;
		return this.samples.stream()
			.filter((s) -> s.second() < end)
			.mapToDouble(Sample::dbQps)
			.filter(Double::isFinite)
			.average()
			.orElse(0);
	}

	/**
	 * @return mean DB queries per second in the steady phase
	 */
	public double steadyDbQps() {
		return steady().mapToDouble(Sample::dbQps).filter(Double::isFinite).average().orElse(0);
	}

	/**
	 * @return queries completed in the steady phase, as the users saw them
	 */
	public long steadyCompleted() {
		return this.seconds.subMap(this.steadyFrom, this.steadyTo)
			.values()
			.stream()
			.mapToLong(Recorder.SecondView::completed)
			.sum();
	}

	/**
	 * @param roles whose CPU to add up
	 * @return their CPU ms per query completed in the steady phase; NaN if not measured
	 */
	public double cpuPerQuery(Set<Role> roles) {
		return CpuUsage.perQuery(this.cpu.millis(roles), steadyCompleted());
	}

	/**
	 * @return {@link PoolBusyShare} of the steady phase, empty for a target without
	 * Sluice's pool and queue or if the backlog never reached the pool size
	 */
	public OptionalDouble poolBusyShare() {
		return asynchronous() ? PoolBusyShare.of(steady().toList(), this.connectionBudget) : OptionalDouble.empty();
	}

	/**
	 * @return completed queries per second in the steady phase, as the users saw them
	 */
	public double steadyThroughput() {
		return this.seconds.subMap(this.steadyFrom, this.steadyTo)
			.values()
			.stream()
			.mapToLong(Recorder.SecondView::completed)
			.average()
			.orElse(0);
	}

	/**
	 * The coefficient of variation of DB QPS in the steady phase, over windows of the
	 * given length. PostgreSQL flushes a backend's statistics at most once a second, so
	 * one-second deltas of {@code xact_commit} jitter even under perfectly steady load;
	 * 5-second windows average that out.
	 * @param windowSeconds the window length
	 * @return the CV in percent, or 0 with fewer than two windows
	 */
	public double steadyDbQpsCv(int windowSeconds) {
		List<Sample> steady = steady().filter((s) -> Double.isFinite(s.dbQps())).toList();
		List<Double> windows = new java.util.ArrayList<>();
		for (int i = 0; i + windowSeconds <= steady.size(); i += windowSeconds) {
			windows.add(steady.subList(i, i + windowSeconds).stream().mapToDouble(Sample::dbQps).average().orElse(0));
		}
		if (windows.size() < 2) {
			return 0;
		}
		double mean = windows.stream().mapToDouble(Double::doubleValue).average().orElse(0);
		double variance = windows.stream().mapToDouble((v) -> (v - mean) * (v - mean)).sum() / (windows.size() - 1);
		return (mean == 0) ? 0 : 100 * Math.sqrt(variance) / mean;
	}

	/**
	 * @return {@link #steadyDbQpsCv(int)} over 5-second windows, the figure the targets
	 * use
	 */
	public double steadyDbQpsCv() {
		return steadyDbQpsCv(5);
	}

	/**
	 * @return mean transactions per second PostgreSQL counted in the steady phase
	 */
	public double steadyDbXacts() {
		return steady().mapToDouble(Sample::dbXacts).average().orElse(0);
	}

	public long maxQueueDepth() {
		return this.samples.stream().mapToLong(Sample::queueDepth).max().orElse(-1);
	}

	private java.util.stream.Stream<Sample> steady() {
		return this.samples.stream().filter((s) -> s.second() >= this.steadyFrom && s.second() < this.steadyTo);
	}

}
