package dev.sluice.bench.report;

import java.util.List;
import java.util.OptionalDouble;

import dev.sluice.bench.sample.Sample;

/**
 * Whether Sluice keeps its database pool busy while work waits: of the one-second samples
 * in which the backlog ({@code sluice_queue_depth}: records the worker group has not
 * committed, running ones included) was at least the total pool size, the share in which
 * every connection of the workers' pools was running a statement. 100 % means the pool,
 * not the pipeline in front of it, was the limit.
 */
final class PoolBusyShare {

	private PoolBusyShare() {
	}

	/**
	 * @param samples the samples of the phase
	 * @param poolSize workers x pool size
	 * @return the share in percent, or empty if no sample had a backlog of at least the
	 * pool size (or a readable one)
	 */
	static OptionalDouble of(List<Sample> samples, int poolSize) {
		List<Sample> backlogged = samples.stream().filter((sample) -> sample.queueDepth() >= poolSize).toList();
		if (backlogged.isEmpty()) {
			return OptionalDouble.empty();
		}
		long busy = backlogged.stream().filter((sample) -> sample.workersActive() >= poolSize).count();
		return OptionalDouble.of(100.0 * busy / backlogged.size());
	}

}
