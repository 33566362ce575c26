package dev.sluice.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.sluice.contract.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;

import static org.awaitility.Awaitility.await;

/**
 * The workers' consumer group as the broker describes it, every 100 ms on a thread of its
 * own: its protocol, its members and whether each holds what the broker assigned it.
 *
 * <pre>{@code
 * try (WorkerGroupWatch group = WorkerGroupWatch.start(bootstrapServers, 6)) {
 *     pipeline.addWorker();
 *     Instant joined = group.awaitFirst((view) -> view.members() == 2, Duration.ofSeconds(60));
 *     Instant settled = group.awaitFirst((view) -> view.settledWith(2), Duration.ofSeconds(60));
 * }
 * }</pre>
 */
final class WorkerGroupWatch implements AutoCloseable {

	private static final Duration INTERVAL = Duration.ofMillis(100);

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final List<View> views = new CopyOnWriteArrayList<>();

	private final Admin admin;

	private final int partitions;

	private WorkerGroupWatch(Admin admin, int partitions) {
		this.admin = admin;
		this.partitions = partitions;
	}

	/**
	 * Start watching {@link Topics#WORKER_GROUP}.
	 * @param bootstrapServers the Kafka the workers use
	 * @param partitions the partitions of {@link Topics#QUERIES}
	 * @return the watch; close it to stop
	 */
	static WorkerGroupWatch start(String bootstrapServers, int partitions) {
		Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				3000));
		WorkerGroupWatch watch = new WorkerGroupWatch(admin, partitions);
		watch.timer.scheduleWithFixedDelay(watch::describe, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
		return watch;
	}

	private void describe() {
		try {
			ConsumerGroupDescription group = this.admin.describeConsumerGroups(List.of(Topics.WORKER_GROUP))
				.describedGroups()
				.get(Topics.WORKER_GROUP)
				.get(3, TimeUnit.SECONDS);
			int assigned = group.members()
				.stream()
				.mapToInt((member) -> member.assignment().topicPartitions().size())
				.sum();
			boolean reconciled = group.members().stream().allMatch(WorkerGroupWatch::holdsItsTarget);
			this.views.add(new View(Instant.now(), group.type(), group.groupState(), group.members().size(), assigned,
					this.partitions, reconciled));
		}
		catch (Exception ex) {
			// A missed description only leaves a gap in the record; the next one comes
			// 100 ms later.
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static boolean holdsItsTarget(MemberDescription member) {
		return member.targetAssignment()
			.map((target) -> Objects.equals(target.topicPartitions(), member.assignment().topicPartitions()))
			.orElse(true);
	}

	/**
	 * Wait for the first description, from now on, that matches.
	 * @param condition what to wait for
	 * @param atMost how long
	 * @return when the broker was asked for that description
	 */
	Instant awaitFirst(Predicate<View> condition, Duration atMost) {
		int from = this.views.size();
		return await("the worker group to match").atMost(atMost)
			.pollInterval(INTERVAL)
			.until(() -> this.views.subList(from, this.views.size())
				.stream()
				.filter(condition)
				.findFirst()
				.map(View::at)
				.orElse(null), Objects::nonNull);
	}

	/**
	 * @return every description so far
	 */
	List<View> views() {
		return List.copyOf(this.views);
	}

	@Override
	public void close() throws InterruptedException {
		this.timer.shutdownNow();
		this.timer.awaitTermination(5, TimeUnit.SECONDS);
		this.admin.close(Duration.ofSeconds(5));
	}

	/**
	 * The group at one moment.
	 *
	 * @param at when the broker was asked
	 * @param type the group's protocol: {@code CONSUMER} for KIP-848, {@code CLASSIC} for
	 * the old one
	 * @param state the group's state
	 * @param members its members
	 * @param assigned partitions its members hold
	 * @param partitions partitions of {@link Topics#QUERIES}
	 * @param reconciled every member holds what the broker assigned it
	 */
	record View(Instant at, GroupType type, GroupState state, int members, int assigned, int partitions,
			boolean reconciled) {

		/**
		 * @param workers how many members there should be
		 * @return the group is stable with that many members, each holding its share, and
		 * every partition held
		 */
		boolean settledWith(int workers) {
			return this.members == workers && this.state == GroupState.STABLE && this.reconciled
					&& this.assigned == this.partitions;
		}

	}

}
