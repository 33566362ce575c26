package dev.sluice.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import dev.sluice.devstack.postgres.TestDatabase;

/**
 * Samples, at a fixed interval on a thread of its own, how many connections the workers
 * hold on the database, told apart by their {@code application_name}
 * ({@link Pipeline#applicationName(String)}), next to how many they may hold at that
 * moment.
 *
 * <pre>{@code
 * try (WorkerConnections connections = WorkerConnections.sample(database, Duration.ofMillis(20), () -> 8)) {
 *     // load
 *     assertThat(connections.overBound()).isEmpty();
 * }
 * }</pre>
 */
final class WorkerConnections implements AutoCloseable {

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final List<Sample> samples = new CopyOnWriteArrayList<>();

	private final Connection connection;

	private WorkerConnections(Connection connection) {
		this.connection = connection;
	}

	/**
	 * Start sampling.
	 * @param database the workers' database
	 * @param interval between samples
	 * @param bound how many connections the workers may hold right after a sample was
	 * taken, asked after each
	 * @return the sampler; close it to stop
	 * @throws SQLException if the database cannot be reached
	 */
	static WorkerConnections sample(TestDatabase database, Duration interval, IntSupplier bound) throws SQLException {
		WorkerConnections connections = new WorkerConnections(database.connect());
		PreparedStatement count = connections.connection
			.prepareStatement("select application_name, count(*) from pg_stat_activity "
					+ "where datname = ? and application_name like 'sluice-%worker-%' group by application_name");
		count.setString(1, database.name());
		long started = System.nanoTime();
		connections.timer.scheduleAtFixedRate(() -> {
			long at = System.nanoTime() - started;
			Map<String, Integer> byWorker = new HashMap<>();
			try (ResultSet result = count.executeQuery()) {
				while (result.next()) {
					byWorker.put(result.getString(1), result.getInt(2));
				}
			}
			catch (SQLException ex) {
				// A missed sample only makes the record less complete; the next one
				// retries.
				return;
			}
			connections.samples.add(new Sample(Duration.ofNanos(at), byWorker, bound.getAsInt()));
		}, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
		return connections;
	}

	/**
	 * @return the most connections all workers held together in one sample
	 */
	int maxTotal() {
		return this.samples.stream().mapToInt(Sample::total).max().orElse(0);
	}

	/**
	 * @return the most connections one worker held in one sample
	 */
	int maxPerWorker() {
		return this.samples.stream()
			.flatMap((sample) -> sample.byWorker().values().stream())
			.mapToInt(Integer::intValue)
			.max()
			.orElse(0);
	}

	/**
	 * @return the samples in which the workers held more than their bound
	 */
	List<Sample> overBound() {
		return this.samples.stream().filter((sample) -> sample.total() > sample.bound()).toList();
	}

	List<Sample> samples() {
		return List.copyOf(this.samples);
	}

	@Override
	public void close() throws SQLException, InterruptedException {
		this.timer.shutdown();
		this.timer.awaitTermination(5, TimeUnit.SECONDS);
		this.connection.close();
	}

	/**
	 * One sample.
	 *
	 * @param at since sampling started
	 * @param byWorker connections by {@code application_name}
	 * @param bound how many the workers might hold then
	 */
	record Sample(Duration at, Map<String, Integer> byWorker, int bound) {

		int total() {
			return this.byWorker.values().stream().mapToInt(Integer::intValue).sum();
		}

	}

}
