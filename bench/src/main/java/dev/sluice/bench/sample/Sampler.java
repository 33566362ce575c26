package dev.sluice.bench.sample;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.sluice.devstack.PostgresServer;

/**
 * Samples the database (and Sluice's queue, when there is one) once a second during a
 * run, on a thread of its own, until closed.
 *
 * <pre>{@code
 * try (Sampler sampler = Sampler.start(server, "sluice_demo", queueUrlOrNull)) {
 *     ... run the load ...
 *     samples = sampler.samples(loadStartNanos);
 * }
 * }</pre>
 */
public final class Sampler implements AutoCloseable {

	private final DatabaseProbe database;

	private final QueueDepthProbe queue;

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

	private long lastNanos;

	private Sampler(DatabaseProbe database, QueueDepthProbe queue) {
		this.database = database;
		this.queue = queue;
	}

	/**
	 * @param server the PostgreSQL server
	 * @param database the database the target queries
	 * @param queueMetricsUrl the ingress Prometheus endpoint, or {@code null}
	 * @return the running sampler
	 */
	public static Sampler start(PostgresServer server, String database, String queueMetricsUrl) {
		Sampler sampler = new Sampler(new DatabaseProbe(server, database),
				(queueMetricsUrl != null) ? new QueueDepthProbe(queueMetricsUrl) : null);
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
					reading.active(), reading.qps(), reading.queueDepth()))
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
		long depth = (this.queue != null) ? this.queue.depth() : -1;
		if (this.lastTransactions >= 0) {
			double qps = (transactions - this.lastTransactions) * 1e9 / (now - this.lastNanos);
			this.readings.add(new Reading(now, connections[0], connections[1], qps, depth));
		}
		this.lastTransactions = transactions;
		this.lastNanos = now;
	}

	private record Reading(long nanos, int connections, int active, double qps, long queueDepth) {
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
