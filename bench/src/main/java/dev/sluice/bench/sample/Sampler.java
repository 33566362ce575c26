package dev.sluice.bench.sample;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.sluice.devstack.postgres.PostgresServer;
import org.jspecify.annotations.Nullable;

/**
 * Samples the database, the target's own count of DB executions, and Sluice's queue when
 * there is one, once a second during a run, on a thread of its own, until closed.
 *
 * <pre>{@code
 * try (Sampler sampler = Sampler.start(server, "sluice_demo", queueUrlOrNull, counterUrls, counter)) {
 *     ... run the load ...
 *     samples = sampler.samples(loadStartNanos);
 * }
 * }</pre>
 */
public final class Sampler implements AutoCloseable {

	private final DatabaseProbe database;

	private final @Nullable PrometheusProbe queue;

	private final PrometheusProbe executions;

	/**
	 * What was read, keyed by the end of each one-second interval
	 * ({@link System#nanoTime()}).
	 */
	private final List<Reading> readings = new ArrayList<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "bench-sampler");
		thread.setDaemon(true);
		return thread;
	});

	private long lastTransactions = -1;

	private long lastExecutions = -1;

	private long lastExecutionsNanos;

	/**
	 * Readings since the execution counter was last read: they share the rate of the gap.
	 */
	private int firstUnreadExecutions = -1;

	private long lastNanos;

	private Sampler(DatabaseProbe database, @Nullable PrometheusProbe queue, PrometheusProbe executions) {
		this.database = database;
		this.queue = queue;
		this.executions = executions;
	}

	/**
	 * @param server the PostgreSQL server
	 * @param database the database the target queries
	 * @param queueMetricsUrl the ingress Prometheus endpoint, or {@code null}
	 * @param executionUrls the endpoints that count the target's DB executions
	 * @param executionMetric the name of that counter
	 * @return the running sampler
	 */
	public static Sampler start(PostgresServer server, String database, @Nullable String queueMetricsUrl,
			List<String> executionUrls, String executionMetric) {
		Sampler sampler = new Sampler(new DatabaseProbe(server, database),
				(queueMetricsUrl != null) ? new PrometheusProbe(List.of(queueMetricsUrl), "sluice_queue_depth") : null,
				new PrometheusProbe(executionUrls, executionMetric));
		sampler.sampleSafely();
		sampler.timer.scheduleAtFixedRate(sampler::sampleSafely, 1, 1, TimeUnit.SECONDS);
		return sampler;
	}

	/**
	 * The samples so far, each labelled with the second (since {@code origin}) whose end
	 * is nearest to the moment it was read; samples before the origin are left out.
	 * @param origin the start of the load ({@link System#nanoTime()})
	 * @return the samples, oldest first
	 */
	public synchronized List<Sample> samples(long origin) {
		return this.readings.stream()
			.map((reading) -> new Sample(Math.round((reading.nanos() - origin) / 1e9) - 1, reading.connections(),
					reading.active(), reading.workersActive(), reading.qps(), reading.xacts(), reading.queueDepth()))
			.filter((sample) -> sample.second() >= 0)
			.toList();
	}

	private void sampleSafely() {
		try {
			sample();
		}
		catch (SQLException | RuntimeException ex) {
			// One lost sample must not end the run; the gap shows in the CSV.
			System.err.println("sampler: " + ex.getMessage());
		}
	}

	private synchronized void sample() throws SQLException {
		long now = System.nanoTime();
		int[] connections = this.database.connections();
		long transactions = this.database.transactions();
		long executions = this.executions.read();
		long depth = (this.queue != null) ? this.queue.read() : -1;
		if (this.lastTransactions >= 0) {
			double seconds = (now - this.lastNanos) / 1e9;
			this.readings.add(new Reading(now, connections[0], connections[1], connections[2], Double.NaN,
					(transactions - this.lastTransactions) / seconds, depth));
			if (executions >= 0 && this.lastExecutions >= 0) {
				spreadExecutions(executions, now);
			}
			else if (this.firstUnreadExecutions < 0) {
				this.firstUnreadExecutions = this.readings.size() - 1;
			}
		}
		this.lastTransactions = transactions;
		if (executions >= 0) {
			this.lastExecutions = executions;
			this.lastExecutionsNanos = now;
			this.firstUnreadExecutions = -1;
		}
		this.lastNanos = now;
	}

	/**
	 * A busy app may miss scrapes; its counter does not lose what it counted. The queries
	 * of the gap are spread evenly over the readings of the gap, so no execution is lost
	 * from the totals.
	 */
	private void spreadExecutions(long executions, long now) {
		double rate = (executions - this.lastExecutions) * 1e9 / (now - this.lastExecutionsNanos);
		int from = (this.firstUnreadExecutions >= 0) ? this.firstUnreadExecutions : this.readings.size() - 1;
		for (int i = from; i < this.readings.size(); i++) {
			Reading reading = this.readings.get(i);
			this.readings.set(i, new Reading(reading.nanos(), reading.connections(), reading.active(),
					reading.workersActive(), rate, reading.xacts(), reading.queueDepth()));
		}
	}

	private record Reading(long nanos, int connections, int active, int workersActive, double qps, double xacts,
			long queueDepth) {
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
		try {
			this.timer.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.database.close();
	}

}
