package dev.sluice.bench.targets;

import java.time.Duration;
import java.util.List;

import dev.sluice.bench.cpu.WatchedProcess;
import dev.sluice.bench.load.ClientMode;
import org.jspecify.annotations.Nullable;

/**
 * A system under test, started and ready: one of {@code direct}, {@code pgbouncer},
 * {@code sluice}, {@code sluice-nocache}, {@code sluice-poll}. Closing it stops every
 * process it started.
 */
public interface Target extends AutoCloseable {

	/**
	 * @return the target's name in reports
	 */
	String name();

	/**
	 * @return where the load goes, e.g. {@code http://127.0.0.1:41234}
	 */
	String baseUrl();

	/**
	 * @return how the load's users ask this target for a query's rows
	 */
	ClientMode clientMode();

	/**
	 * @return {@code true} if the result may have to be awaited (Sluice), {@code false}
	 * if the response carries the rows (the gateways)
	 */
	default boolean asynchronous() {
		return clientMode().asynchronous();
	}

	/**
	 * @return the processes the target runs, whose CPU a run measures
	 */
	List<WatchedProcess> processes();

	/**
	 * @return how long the target may answer a query from a result cache: after a warm-up
	 * it waits this long, so the measured run starts with an empty cache
	 */
	default Duration resultCacheTtl() {
		return Duration.ZERO;
	}

	/**
	 * @return the Prometheus endpoint that reports {@code sluice_queue_depth}, or
	 * {@code null} if the target has no queue
	 */
	default @Nullable String queueMetricsUrl() {
		return null;
	}

	/**
	 * Where the target counts the catalog queries it ran on the database: Prometheus text
	 * endpoints, each with one or more samples of {@link #executionMetric()}.
	 * @return the endpoints, to be summed
	 */
	List<String> executionMetricsUrls();

	/**
	 * @return the name of the counter of database executions in those endpoints
	 */
	String executionMetric();

	/**
	 * @return the most database connections this target is allowed to hold
	 */
	int connectionBudget();

	@Override
	void close();

}
