package dev.sluice.devstack.process;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wait until child processes are ready. Each child's {@link Probe} is asked in turn,
 * every 250 ms unless told otherwise, until every one is ready. The wait fails at once
 * when a child exits, and when the time is up, with what the probe last heard and the
 * child's last lines.
 *
 * <pre>{@code
 * Readiness.within(Duration.ofMinutes(2)).await(worker, Probe.springBootApp(worker.port()));
 * }</pre>
 *
 * Instances are immutable; each setting returns a copy.
 */
public final class Readiness {

	private final Duration timeout;

	private final Duration interval;

	private final Pause pause;

	private final List<ChildProcess> watched;

	private Readiness(Duration timeout, Duration interval, Pause pause, List<ChildProcess> watched) {
		this.timeout = timeout;
		this.interval = interval;
		this.pause = pause;
		this.watched = watched;
	}

	/**
	 * @param timeout how long the slowest child may take
	 * @return a wait that polls every 250 ms and sleeps in between
	 */
	public static Readiness within(Duration timeout) {
		return new Readiness(timeout, Duration.ofMillis(250), Readiness::sleep, List.of());
	}

	/**
	 * @param interval the time between two rounds of polls
	 * @return a copy that polls at that interval
	 */
	public Readiness every(Duration interval) {
		return new Readiness(this.timeout, interval, this.pause, this.watched);
	}

	/**
	 * @param pause passes the time between two rounds, and may end the wait early
	 * @return a copy that pauses so
	 */
	public Readiness pausingWith(Pause pause) {
		return new Readiness(this.timeout, this.interval, pause, this.watched);
	}

	/**
	 * @param others children not waited for, whose exit fails the wait all the same
	 * @return a copy that watches them too
	 */
	public Readiness watching(Collection<ChildProcess> others) {
		return new Readiness(this.timeout, this.interval, this.pause, List.copyOf(others));
	}

	/**
	 * Wait until one child is ready.
	 * @param child the started child
	 * @param probe how to ask it
	 * @throws IllegalStateException if it exits first, is not ready in time, or the pause
	 * ends the wait
	 */
	public void await(ChildProcess child, Probe probe) {
		if (!await(Map.of(child, probe))) {
			throw new IllegalStateException("The wait for " + child.name() + " to be ready ended early (interrupted)");
		}
	}

	/**
	 * Wait until every child is ready, all of them within the one timeout.
	 * @param probes each started child, in the order to ask them, and how to ask it
	 * @return {@code true} once all are ready, {@code false} if the pause ended the wait
	 * @throws IllegalStateException if a child exits first, or is not ready in time
	 */
	public boolean await(Map<ChildProcess, Probe> probes) {
		Map<ChildProcess, Probe> waiting = new LinkedHashMap<>(probes);
		Map<ChildProcess, Probe.Answer> heard = new HashMap<>();
		Set<ChildProcess> running = new LinkedHashSet<>(probes.keySet());
		running.addAll(this.watched);
		long deadline = System.nanoTime() + this.timeout.toNanos();
		while (true) {
			requireRunning(running);
			waiting.entrySet().removeIf((entry) -> {
				Probe.Answer answer = entry.getValue().ask();
				heard.put(entry.getKey(), answer);
				return answer.ready();
			});
			if (waiting.isEmpty()) {
				return true;
			}
			if (System.nanoTime() - deadline > 0) {
				ChildProcess late = waiting.keySet().iterator().next();
				throw new IllegalStateException(late.name() + " was not ready within " + this.timeout.toSeconds()
						+ " s: " + waiting.get(late) + " answers " + heard.get(late).said() + ". " + late.lastLines());
			}
			if (this.pause.await(this.interval)) {
				return false;
			}
		}
	}

	private static void requireRunning(Collection<ChildProcess> children) {
		for (ChildProcess child : children) {
			if (!child.isAlive()) {
				throw new IllegalStateException(child.name() + " exited with code " + child.exitCode()
						+ " while starting. " + child.lastLines());
			}
		}
	}

	private static boolean sleep(Duration interval) {
		try {
			Thread.sleep(interval);
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

	/** How the wait passes the time between two rounds of polls. */
	@FunctionalInterface
	public interface Pause {

		/**
		 * @param interval how long to pause
		 * @return {@code true} to end the wait early, e.g. on a stop signal
		 */
		boolean await(Duration interval);

	}

}
