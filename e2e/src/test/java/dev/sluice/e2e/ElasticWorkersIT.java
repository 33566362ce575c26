package dev.sluice.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import dev.sluice.devstack.kafka.KafkaCluster;
import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.e2e.Pipeline.Brokers;
import dev.sluice.e2e.SluiceClient.Response;
import org.apache.kafka.common.GroupType;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Workers come and go under a steady load: a second and a third join, one is stopped with
 * SIGTERM and one killed with SIGKILL. Every accepted query still succeeds, the database
 * never sees more connections than the live workers' pools, and the pause each change of
 * the group causes is measured and printed.
 * <p>
 * Runs a pipeline of its own, one ingress and one worker to start with, on the Kafka
 * {@link #kafka()} starts.
 */
class ElasticWorkersIT {

	private static final Logger logger = LoggerFactory.getLogger(ElasticWorkersIT.class);

	private static final int PER_SECOND = 20;

	private static final int SUBMITTERS = 16;

	/** Queries accepted between two changes of the group, about 3 s of load. */
	private static final int BETWEEN_CHANGES = 3 * PER_SECOND;

	/** The group needs the broker's session timeout (45 s) to evict a killed worker. */
	private static final Duration EVICTION = Duration.ofSeconds(120);

	/**
	 * A worker JVM starts in 10 to 20 s on two idle cores, and in over a minute on busy
	 * ones.
	 */
	private static final Duration JOIN = Duration.ofSeconds(180);

	/** How long connections of an ended worker may still show in pg_stat_activity. */
	private static final Duration CONNECTION_GRACE = Duration.ofSeconds(1);

	/**
	 * The Kafka the test runs on: the one place to change for a cluster of brokers, e.g.
	 * {@code Brokers.of(KafkaCluster.temporary(3).start(), KafkaCluster::bootstrapServers)}.
	 */
	/**
	 * A 3-node cluster, as production runs, so that its topics are replicated 3 times.
	 */
	private static Brokers kafka() {
		return Brokers.of(KafkaCluster.temporary(3).start(), KafkaCluster::bootstrapServers);
	}

	@Test
	void workersJoiningAndLeavingUnderLoadLoseNothingAndStayWithinTheirPools() throws Exception {
		try (Pipeline pipeline = Pipeline.start("elastic-", 1, 1, ElasticWorkersIT::kafka);
				WorkerGroupWatch group = WorkerGroupWatch.start(pipeline.bootstrapServers(), Pipeline.PARTITIONS);
				WorkerConnections connections = WorkerConnections.sample(pipeline.database(), Duration.ofMillis(150),
						new LiveWorkerPools(pipeline))) {
			group.awaitFirst((view) -> view.settledWith(1), JOIN);
			Instant loadStarted = Instant.now();
			List<Change> changes = new ArrayList<>();
			List<SteadyLoad.Accepted> accepted;
			try (SteadyLoad load = SteadyLoad.start(pipeline.client(0), PER_SECOND, SUBMITTERS,
					(i) -> new Submission("group_total", Map.of("grp", i % 50, "minId", i)))) {
				awaitAccepted(load, 5 * PER_SECOND);
				changes.add(join("add 2nd worker", pipeline, group, 2, load));
				changes.add(join("add 3rd worker", pipeline, group, 3, load));
				changes.add(stop(pipeline.workers().get(0), 2, group, load));
				changes.add(kill(pipeline.workers().get(1), 1, group, load));
				load.stop();
				accepted = load.accepted();
				logger.info(
						"e2e elastic load: {} sent, {} accepted, refused {}, {} ticks skipped (all submitters busy)",
						load.sent(), accepted.size(), load.refused(), load.skipped());
				assertThat(load.refused()).as("submissions not accepted").isEmpty();
			}

			List<Response> finished = Pipeline
				.awaitTerminal(accepted.stream().map(SteadyLoad.Accepted::answer).toList(), (i) -> pipeline.client(0));
			Map<String, Long> states = finished.stream()
				.collect(Collectors.groupingBy(Response::state, TreeMap::new, Collectors.counting()));
			assertThat(states).as("terminal states of the %d accepted queries", finished.size())
				.containsOnlyKeys("SUCCEEDED");
			assertThat(group.views()).as("descriptions of the worker group")
				.isNotEmpty()
				.allSatisfy((view) -> assertThat(view.type()).as("group protocol").isEqualTo(GroupType.CONSUMER));
			assertThat(connections.overBound()).as("samples with more connections than live workers × pool size")
				.isEmpty();
			assertThat(connections.maxPerWorker()).isLessThanOrEqualTo(Pipeline.POOL_SIZE);
			logger.info(
					"e2e elastic: {} queries, all SUCCEEDED; group protocol CONSUMER in {} descriptions; "
							+ "worker connections sampled {} times, at most {} in all and {} per worker (pool {})",
					finished.size(), group.views().size(), connections.samples().size(), connections.maxTotal(),
					connections.maxPerWorker(), Pipeline.POOL_SIZE);
			logger.info("e2e elastic pauses:\n{}", Pauses.table(loadStarted, changes, finished));
		}
	}

	private static Change join(String name, Pipeline pipeline, WorkerGroupWatch group, int workers, SteadyLoad load) {
		pipeline.addWorker();
		Instant joined = group.awaitFirst((view) -> view.members() == workers, JOIN);
		Instant settled = group.awaitFirst((view) -> view.settledWith(workers), JOIN);
		awaitAccepted(load, BETWEEN_CHANGES);
		return new Change(name, joined, settled);
	}

	private static Change stop(ChildProcess worker, int others, WorkerGroupWatch group, SteadyLoad load) {
		Instant signalled = Instant.now();
		worker.requestStop();
		Instant settled = group.awaitFirst((view) -> view.settledWith(others), JOIN);
		assertThat(worker.awaitStop(Duration.ofSeconds(60))).as("%s ended on SIGTERM", worker.name()).isTrue();
		awaitAccepted(load, BETWEEN_CHANGES);
		return new Change("SIGTERM " + worker.name(), signalled, settled);
	}

	private static Change kill(ChildProcess worker, int others, WorkerGroupWatch group, SteadyLoad load) {
		Instant killed = Instant.now();
		worker.kill();
		Instant settled = group.awaitFirst((view) -> view.settledWith(others), EVICTION);
		awaitAccepted(load, 2 * PER_SECOND);
		return new Change("kill -9 " + worker.name(), killed, settled);
	}

	private static void awaitAccepted(SteadyLoad load, int more) {
		int target = load.accepted().size() + more;
		await("%d more queries accepted".formatted(more)).atMost(Duration.ofSeconds(60))
			.until(() -> load.accepted().size() >= target);
	}

	/**
	 * A change of the worker group.
	 *
	 * @param name what changed
	 * @param at when: the new member first seen in the group, or the signal sent
	 * @param settled when the group was first seen settled again
	 */
	record Change(String name, Instant at, Instant settled) {

	}

	/**
	 * How many connections the workers may hold: pool size × the workers alive, counting
	 * one that ended for {@link #CONNECTION_GRACE} more, while the database notices its
	 * connections closed. Asked on the sampler's thread only.
	 */
	private static final class LiveWorkerPools implements IntSupplier {

		private final Pipeline pipeline;

		private final Map<String, Long> lastSeenAlive = new HashMap<>();

		LiveWorkerPools(Pipeline pipeline) {
			this.pipeline = pipeline;
		}

		@Override
		public int getAsInt() {
			long now = System.nanoTime();
			int live = 0;
			for (ChildProcess worker : this.pipeline.workers()) {
				if (worker.isAlive()) {
					this.lastSeenAlive.put(worker.name(), now);
				}
				Long seen = this.lastSeenAlive.get(worker.name());
				if (seen != null && now - seen <= CONNECTION_GRACE.toNanos()) {
					live++;
				}
			}
			return live * Pipeline.POOL_SIZE;
		}

	}

}
