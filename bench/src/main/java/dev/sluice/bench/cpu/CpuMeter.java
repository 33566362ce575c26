package dev.sluice.bench.cpu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Measures the CPU of a set of processes over one window of a run: it reads their
 * {@code /proc/<pid>/stat} at the window's start and end, at those exact instants, on a
 * thread of its own.
 *
 * <pre>{@code
 * try (CpuMeter meter = CpuMeter.watching(processes)) {
 *     meter.measureBetween(startNanos, endNanos);   // System.nanoTime() instants
 *     ... run the load ...
 *     CpuUsage usage = meter.usage(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class CpuMeter implements AutoCloseable {

	private final List<WatchedProcess> processes;

	private final long ticksPerSecond = ProcFs.clockTicksPerSecond();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "bench-cpu-meter");
		thread.setDaemon(true);
		return thread;
	});

	private volatile @Nullable ScheduledFuture<Snapshot> start;

	private volatile @Nullable ScheduledFuture<Snapshot> end;

	private CpuMeter(List<WatchedProcess> processes) {
		this.processes = List.copyOf(processes);
	}

	/**
	 * @param processes what to measure
	 * @return a meter, idle until {@link #measureBetween} is called
	 */
	public static CpuMeter watching(List<WatchedProcess> processes) {
		return new CpuMeter(processes);
	}

	/**
	 * Read every process at two instants.
	 * @param fromNanos the window's start, {@link System#nanoTime()}
	 * @param toNanos its end
	 */
	public void measureBetween(long fromNanos, long toNanos) {
		this.start = this.timer.schedule(this::snapshot, fromNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
		this.end = this.timer.schedule(this::snapshot, toNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
	}

	/**
	 * @param grace how long to wait for the end of the window if it has not come yet
	 * @return the CPU each process spent in the window, or {@link CpuUsage#NONE} if the
	 * window was never set or did not end in time
	 */
	public CpuUsage usage(Duration grace) {
		if (this.start == null) {
			return CpuUsage.NONE;
		}
		try {
			Snapshot from = this.start.get(grace.toMillis(), TimeUnit.MILLISECONDS);
			Snapshot to = this.end.get(grace.toMillis(), TimeUnit.MILLISECONDS);
			List<ProcessCpu> spent = new ArrayList<>();
			for (WatchedProcess process : this.processes) {
				OptionalLong ticks = ticksBetween(from.readings().get(process), to.readings().get(process));
				spent.add(new ProcessCpu(process.name(), process.role(),
						ticks.isPresent() ? ticks.getAsLong() * 1000.0 / this.ticksPerSecond : Double.NaN));
			}
			return new CpuUsage(spent, to.nanos() - from.nanos());
		}
		catch (TimeoutException | ExecutionException ex) {
			return CpuUsage.NONE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CpuUsage.NONE;
		}
	}

	private static OptionalLong ticksBetween(Optional<TreeReading> from, Optional<TreeReading> to) {
		return (from.isPresent() && to.isPresent()) ? TreeReading.ticksBetween(from.get(), to.get())
				: OptionalLong.empty();
	}

	private Snapshot snapshot() {
		long nanos = System.nanoTime();
		Map<WatchedProcess, Optional<TreeReading>> readings = new LinkedHashMap<>();
		for (WatchedProcess process : this.processes) {
			readings.put(process, ProcFs.read(process));
		}
		return new Snapshot(nanos, readings);
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

	private record Snapshot(long nanos, Map<WatchedProcess, Optional<TreeReading>> readings) {
	}

}
