package dev.sluice.bench.targets;

/**
 * A system under test, started and ready: one of {@code direct}, {@code pgbouncer},
 * {@code sluice}. Closing it stops every process it started.
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
	 * @return {@code true} if a submit answers 202 and the result must be awaited
	 * (Sluice), {@code false} if the response carries the rows (the gateways)
	 */
	boolean asynchronous();

	/**
	 * @return the Prometheus endpoint that reports {@code sluice_queue_depth}, or
	 * {@code null} if the target has no queue
	 */
	default String queueMetricsUrl() {
		return null;
	}

	/**
	 * Where the target counts the catalog queries it ran on the database: Prometheus text
	 * endpoints, each with one or more samples of {@link #executionMetric()}.
	 * @return the endpoints, to be summed
	 */
	java.util.List<String> executionMetricsUrls();

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
