package dev.sluice.ingress.readiness;

import dev.sluice.contract.Topics;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness as far as the workers go: out of service until the worker group, for the
 * first time, holds every partition of {@code sluice.queries} in a stable group, so that
 * the first query accepted runs at once rather than waiting for workers to join.
 *
 * <p>
 * It latches: once the workers have run queries, the ingress stays ready whatever the
 * group does later. Queueing while workers restart, rebalance or are all gone is what
 * Sluice is for, and an ingress taken out of the load balancer then would turn a worker
 * outage into refused submissions. The group's current state stays visible as details.
 *
 * <p>
 * Answers from the last look only, never calling Kafka itself: {@link WorkerGroupWatch}
 * feeds it from its own thread, and a readiness probe costs nothing.
 */
final class WorkersHealthIndicator implements HealthIndicator {

	static final String WAITING = "waiting until the workers hold every partition of " + Topics.QUERIES
			+ "; start a worker, or set sluice.ingress.readiness.await-workers=false to serve without workers";

	static final String QUEUEING = "queries wait in " + Topics.QUERIES + " until a worker holds their partition";

	private final boolean awaitWorkers;

	/** The last look at the group; {@code null} before the first. */
	private volatile @Nullable Look latest;

	private volatile boolean workersRan;

	WorkersHealthIndicator(boolean awaitWorkers) {
		this.awaitWorkers = awaitWorkers;
	}

	/**
	 * Take in a look at the group.
	 * @param group what the look found
	 */
	void observed(WorkerGroup group) {
		this.latest = new Look(group, null);
		if (group.runsQueries()) {
			this.workersRan = true;
		}
	}

	/**
	 * Take in a look that failed; Kafka's own readiness reports an unreachable cluster.
	 * @param reason why the group could not be described
	 */
	void unobservable(String reason) {
		this.latest = new Look(null, reason);
	}

	/**
	 * Whether readiness no longer depends on the group, so it need not be looked at
	 * often.
	 * @return {@code true} once the workers have run queries, or if they are not awaited
	 */
	boolean isSettled() {
		return this.workersRan || !this.awaitWorkers;
	}

	@Override
	public Health health() {
		Look look = this.latest;
		Health.Builder builder = isSettled() ? Health.up() : Health.outOfService();
		builder.withDetail("group", Topics.WORKER_GROUP);
		if (look == null) {
			builder.withDetail("state", "not looked at yet");
		}
		else if (look.failure() != null) {
			builder.withDetail("error", look.failure());
		}
		else {
			WorkerGroup group = look.group();
			builder.withDetail("state", group.state().toString())
				.withDetail("members", group.members())
				.withDetail("consumingWorkers", group.consumingWorkers())
				.withDetail("assignedPartitions", group.assigned() + "/" + group.partitions());
			if (isSettled() && !group.runsQueries()) {
				builder.withDetail("note", QUEUEING);
			}
		}
		if (!isSettled()) {
			builder.withDetail("reason", WAITING);
		}
		return builder.build();
	}

	private record Look(@Nullable WorkerGroup group, @Nullable String failure) {
	}

}
