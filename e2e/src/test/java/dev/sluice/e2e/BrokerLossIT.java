package dev.sluice.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.sluice.contract.Topics;
import dev.sluice.devstack.kafka.KafkaCluster;
import dev.sluice.e2e.SluiceClient.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker leading most of {@code sluice.queries} killed with SIGKILL while 3,000
 * queries are submitted and drain, on a three-broker cluster (replication factor 3,
 * {@code min.insync.replicas=2}, as the apps create the topics there): the election
 * delays submissions but fails none (each is accepted, or refused with {@code 503} and
 * {@code Retry-After}, never hung), no accepted query is lost, and the broker rejoins.
 */
class BrokerLossIT {

	private static final Logger logger = LoggerFactory.getLogger(BrokerLossIT.class);

	private static final int QUERIES = 3000;

	/** Submitted before the kill, so that the election falls in the middle of the run. */
	private static final int BEFORE_KILL = 600;

	/** Concurrent submissions; small, for a machine of two cores shared with 8 JVMs. */
	private static final int SUBMITTERS = 12;

	/** One submission every 4 ms at most: 3,000 over about 12 s. */
	private static final long PACE_NANOS = TimeUnit.MILLISECONDS.toNanos(4);

	/**
	 * The kill, the restart and the readers, each on a thread of its own (the common pool
	 * has one thread on two cores).
	 */
	private static final Executor BACKGROUND = Executors.newVirtualThreadPerTaskExecutor();

	/** Concurrent readers of the accepted queries' statuses. */
	private static final int READERS = 4;

	private static final List<String> SLUICE_TOPICS = List.of(Topics.QUERIES, Topics.RESULTS, Topics.CANCELS,
			Topics.QUERIES_DEAD_LETTER);

	private static KafkaCluster cluster;

	private static Pipeline pipeline;

	private static Admin admin;

	@BeforeAll
	static void start() {
		cluster = KafkaCluster.temporary(3).start();
		admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				5000));
		pipeline = Pipeline.on(cluster, "broker-loss");
	}

	@AfterAll
	static void stop() {
		if (pipeline != null) {
			pipeline.close();
		}
		if (admin != null) {
			admin.close();
		}
		cluster.close();
	}

	@Test
	void killingTheLeadingBrokerLosesNoAcceptedQueryAndHangsNoSubmission() throws Exception {
		assertThat(describe(Topics.QUERIES).partitions()).as("sluice.queries as the apps created it")
			.allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(3));
		int leader = cluster.leaderOfMostPartitions(Topics.QUERIES);
		Run run = new Run();

		List<Attempt> attempts = run.submitAll(leader);
		CompletableFuture<Long> rejoined = CompletableFuture.supplyAsync(() -> timeToRejoin(leader), BACKGROUND);

		List<Response> accepted = attempts.stream()
			.map(Attempt::response)
			.filter((r) -> r != null && r.status() == 202)
			.toList();
		assertThat(attempts).allSatisfy((attempt) -> {
			assertThat(attempt.failure()).as("submission %d: no hang, no error", attempt.index()).isNull();
			assertThat(attempt.response().status()).as("submission %d", attempt.index()).isIn(202, 503);
			if (attempt.response().status() == 503) {
				assertThat(attempt.response().retryAfter()).as("Retry-After of a 503").isNotBlank();
			}
		});
		assertThat(accepted).extracting(Response::id).doesNotHaveDuplicates();
		List<Response> finished = readBack(accepted);
		assertThat(finished).extracting(Response::state).containsOnly("SUCCEEDED");
		assertThat(finished).hasSize(accepted.size());
		long isrRestoredMillis = rejoined.get(3, TimeUnit.MINUTES);

		long refused = attempts.size() - accepted.size();
		logger.info(
				"e2e broker loss: {} submitted, {} accepted (202), {} SUCCEEDED, {} refused (503); node {} "
						+ "killed after {}, leaders of sluice.queries moved {} ms later, longest submission during the "
						+ "election {} ms; restarted node back in every ISR {} ms after its restart began",
				attempts.size(), accepted.size(), finished.size(), refused, leader, BEFORE_KILL, run.electionMillis(),
				run.longestDuringElectionMillis(attempts), isrRestoredMillis);
	}

	/**
	 * {@link Pipeline#awaitTerminal} of a few slices of the accepted queries side by
	 * side: one by one, 3,000 reads would take longer than the run.
	 */
	private static List<Response> readBack(List<Response> accepted) {
		int slice = (accepted.size() + READERS - 1) / READERS;
		List<CompletableFuture<List<Response>>> slices = new ArrayList<>();
		for (int from = 0; from < accepted.size(); from += slice) {
			List<Response> part = accepted.subList(from, Math.min(accepted.size(), from + slice));
			slices.add(CompletableFuture.supplyAsync(() -> pipeline.awaitTerminal(part), BACKGROUND));
		}
		return slices.stream().flatMap((part) -> part.join().stream()).toList();
	}

	private long timeToRejoin(int node) {
		long restart = System.nanoTime();
		cluster.start(node);
		await("every partition of Sluice's topics back to three in-sync replicas").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> SLUICE_TOPICS.stream()
				.map(BrokerLossIT::describe)
				.flatMap((topic) -> topic.partitions().stream())
				.allMatch((partition) -> partition.isr().size() == 3));
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restart);
	}

	private static TopicDescription describe(String topic) {
		try {
			return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot describe " + topic, ex);
		}
	}

	/**
	 * One submission.
	 *
	 * @param index its place in the run
	 * @param started when it was sent ({@link System#nanoTime()})
	 * @param ended when its answer or failure came
	 * @param response the answer, or {@code null} after a failure
	 * @param failure why there was no answer (a client timeout: a hung request)
	 */
	record Attempt(int index, long started, long ended, Response response, Throwable failure) {

		long millis() {
			return TimeUnit.NANOSECONDS.toMillis(this.ended - this.started);
		}

	}

	/** The submissions of one run and the kill in their midst. */
	private static final class Run {

		private volatile long killedAt;

		private volatile long electedAt;

		List<Attempt> submitAll(int leader) {
			List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
			List<CompletableFuture<?>> pending = new ArrayList<>();
			Semaphore inFlight = new Semaphore(SUBMITTERS);
			CompletableFuture<Void> election = null;
			long begin = System.nanoTime();
			for (int i = 0; i < QUERIES; i++) {
				LockSupport.parkNanos(begin + i * PACE_NANOS - System.nanoTime());
				inFlight.acquireUninterruptibly();
				if (i == BEFORE_KILL) {
					election = CompletableFuture.runAsync(() -> killAndAwaitElection(leader), BACKGROUND);
				}
				int index = i;
				long started = System.nanoTime();
				// Distinct ids: no two queries share a result, in the cache or in flight.
				pending.add(
						pipeline.client(i % 2).submit("item", Map.of("id", 1 + i)).whenComplete((response, failure) -> {
							attempts.add(new Attempt(index, started, System.nanoTime(), response, failure));
							inFlight.release();
						}));
			}
			pending.forEach((submission) -> submission.handle((response, failure) -> null).join());
			election.join();
			return attempts.stream().sorted((a, b) -> Integer.compare(a.index(), b.index())).toList();
		}

		private void killAndAwaitElection(int leader) {
			this.killedAt = System.nanoTime();
			cluster.kill(leader);
			await("new leaders for every partition of sluice.queries").atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.until(() -> describe(Topics.QUERIES).partitions()
					.stream()
					.map(TopicPartitionInfo::leader)
					.allMatch((node) -> node != null && node.id() != leader));
			this.electedAt = System.nanoTime();
		}

		long electionMillis() {
			return TimeUnit.NANOSECONDS.toMillis(this.electedAt - this.killedAt);
		}

		long longestDuringElectionMillis(List<Attempt> attempts) {
			return attempts.stream()
				.filter((attempt) -> attempt.ended() >= this.killedAt && attempt.started() <= this.electedAt)
				.mapToLong(Attempt::millis)
				.max()
				.orElse(0);
		}

	}

}
