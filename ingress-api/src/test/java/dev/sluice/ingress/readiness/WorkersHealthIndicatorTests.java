package dev.sluice.ingress.readiness;

import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class WorkersHealthIndicatorTests {

	private final WorkersHealthIndicator indicator = new WorkersHealthIndicator(true);

	@Test
	void outOfServiceBeforeTheFirstLook() {
		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("state", "not looked at yet")
			.containsEntry("reason", WorkersHealthIndicator.WAITING);
	}

	@Test
	void upOnceEveryPartitionIsHeldInAStableGroup() {
		this.indicator.observed(new WorkerGroup(GroupState.STABLE, 2, 2, 12, 12));

		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("group", "sluice-workers")
			.containsEntry("state", "Stable")
			.containsEntry("members", 2)
			.containsEntry("consumingWorkers", 2)
			.containsEntry("assignedPartitions", "12/12")
			.doesNotContainKeys("reason", "note");
	}

	@Test
	void outOfServiceWhileSomePartitionHasNoMember() {
		this.indicator.observed(new WorkerGroup(GroupState.STABLE, 1, 1, 12, 11));

		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("assignedPartitions", "11/12")
			.containsEntry("reason", WorkersHealthIndicator.WAITING);
	}

	@Test
	void outOfServiceWhileTheGroupIsStillSettling() {
		for (GroupState settling : new GroupState[] { GroupState.PREPARING_REBALANCE, GroupState.COMPLETING_REBALANCE,
				GroupState.ASSIGNING, GroupState.RECONCILING }) {
			this.indicator.observed(new WorkerGroup(settling, 2, 2, 12, 12));

			assertThat(this.indicator.health().getStatus()).as(settling.toString()).isEqualTo(Status.OUT_OF_SERVICE);
		}
	}

	@Test
	void outOfServiceWithAnEmptyOrAbsentGroup() {
		this.indicator.observed(new WorkerGroup(GroupState.EMPTY, 0, 0, 12, 0));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);

		this.indicator.observed(WorkerGroup.absent(12));
		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("state", "Dead").containsEntry("members", 0);
	}

	@Test
	void outOfServiceWhenTheTopicHasNoPartitionsToHold() {
		this.indicator.observed(new WorkerGroup(GroupState.STABLE, 1, 0, 0, 0));

		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
	}

	@Test
	void staysUpOnceTheWorkersRanQueriesWhateverTheGroupDoesLater() {
		this.indicator.observed(new WorkerGroup(GroupState.STABLE, 2, 2, 12, 12));
		this.indicator.observed(new WorkerGroup(GroupState.EMPTY, 0, 0, 12, 0));

		Health emptied = this.indicator.health();
		this.indicator.unobservable("TimeoutException: Timed out waiting for a node assignment");
		Health unobservable = this.indicator.health();

		assertThat(emptied.getStatus()).isEqualTo(Status.UP);
		assertThat(emptied.getDetails()).containsEntry("state", "Empty")
			.containsEntry("members", 0)
			.containsEntry("assignedPartitions", "0/12")
			.containsEntry("note", WorkersHealthIndicator.QUEUEING)
			.doesNotContainKey("reason");
		assertThat(unobservable.getStatus()).isEqualTo(Status.UP);
		assertThat(unobservable.getDetails()).containsEntry("error",
				"TimeoutException: Timed out waiting for a node assignment");
		assertThat(this.indicator.isSettled()).isTrue();
	}

	@Test
	void outOfServiceWhileTheGroupCannotBeDescribedBeforeTheWorkersRan() {
		this.indicator.unobservable("UnknownTopicOrPartitionException: sluice.queries");

		Health health = this.indicator.health();

		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("error", "UnknownTopicOrPartitionException: sluice.queries")
			.containsEntry("reason", WorkersHealthIndicator.WAITING);
		assertThat(this.indicator.isSettled()).isFalse();
	}

	@Test
	void upWithoutWorkersWhenTheyAreNotAwaited() {
		WorkersHealthIndicator notAwaiting = new WorkersHealthIndicator(false);
		Health before = notAwaiting.health();
		notAwaiting.observed(WorkerGroup.absent(12));

		Health health = notAwaiting.health();

		assertThat(before.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", "Dead")
			.containsEntry("note", WorkersHealthIndicator.QUEUEING);
		assertThat(notAwaiting.isSettled()).isTrue();
	}

}
