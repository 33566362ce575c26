package dev.sluice.worker.consume;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OffsetTrackerTests {

	private static final TopicPartition P0 = new TopicPartition("sluice.queries", 0);

	private static final TopicPartition P1 = new TopicPartition("sluice.queries", 1);

	private final OffsetTracker tracker = new OffsetTracker();

	@Test
	void outOfOrderCompletionCommitsTheHighestContiguousOffsetPlusOne() {
		PartitionOffsets offsets = dispatch(P0, 0, 1, 2, 3, 4);

		offsets.completed(3);
		offsets.completed(1);
		assertThat(this.tracker.takeCommits()).isEmpty();
		offsets.completed(0);
		assertThat(this.tracker.takeCommits()).isEqualTo(commit(P0, 2));
		offsets.completed(4);
		assertThat(this.tracker.takeCommits()).isEmpty();
		offsets.completed(2);
		assertThat(this.tracker.takeCommits()).isEqualTo(commit(P0, 5));
	}

	@Test
	void gapHoldsTheCommitBackOnlyForItsOwnPartition() {
		PartitionOffsets slow = dispatch(P0, 10, 11, 12);
		PartitionOffsets fast = dispatch(P1, 7, 8);

		slow.completed(11);
		slow.completed(12);
		fast.completed(8);
		fast.completed(7);

		assertThat(this.tracker.takeCommits()).isEqualTo(commit(P1, 9));
		assertThat(this.tracker.running(List.of(P0))).isEqualTo(1);
		slow.completed(10);
		assertThat(this.tracker.takeCommits()).isEqualTo(commit(P0, 13));
		assertThat(this.tracker.running(List.of(P0, P1))).isZero();
	}

	@Test
	void commitAfterAPartialWindowAndNotTwiceForTheSameOffset() {
		PartitionOffsets offsets = dispatch(P0, 0, 1, 2, 3, 4, 5, 6, 7);
		for (long offset = 0; offset < 4; offset++) {
			offsets.completed(offset);
		}

		assertThat(this.tracker.takeCommits()).isEqualTo(commit(P0, 4));
		assertThat(this.tracker.takeCommits()).isEmpty();

		offsets.dispatched(8);
		for (long offset = 4; offset <= 8; offset++) {
			offsets.completed(offset);
		}
		assertThat(this.tracker.takeCommits()).isEqualTo(commit(P0, 9));
	}

	@Test
	void nothingIsCommittedBeforeTheFirstRecordCompletes() {
		dispatch(P0, 40, 41);

		assertThat(this.tracker.takeCommits()).isEmpty();
	}

	@Test
	void revocationWithWorkInFlightCommitsWhatCompletedAndForgetsTheRest() {
		PartitionOffsets revoked = dispatch(P0, 0, 1, 2);
		revoked.completed(0);
		revoked.completed(2);

		assertThat(this.tracker.running(List.of(P0))).isEqualTo(1);
		assertThat(this.tracker.takeCommits(List.of(P0))).isEqualTo(commit(P0, 1));
		this.tracker.revoke(List.of(P0));

		assertThat(revoked.isRevoked()).isTrue();
		assertThat(this.tracker.assigned()).isZero();
		revoked.completed(1);
		assertThat(this.tracker.takeCommits()).isEmpty();
		assertThat(this.tracker.running(List.of(P0))).isZero();
	}

	@Test
	void partitionAssignedAgainStartsAfresh() {
		PartitionOffsets first = dispatch(P0, 0, 1);
		this.tracker.revoke(List.of(P0));
		PartitionOffsets second = dispatch(P0, 1, 2);

		first.completed(1);
		second.completed(1);
		second.completed(2);

		assertThat(second).isNotSameAs(first);
		assertThat(this.tracker.takeCommits()).isEqualTo(commit(P0, 3));
	}

	@Test
	void failedCommitIsTakenAgain() {
		PartitionOffsets offsets = dispatch(P0, 0, 1);
		offsets.completed(0);
		Map<TopicPartition, OffsetAndMetadata> sent = this.tracker.takeCommits();

		this.tracker.commitFailed(sent);

		assertThat(this.tracker.takeCommits()).isEqualTo(commit(P0, 1));
	}

	@Test
	void failureOfAnOlderCommitDoesNotResendANewerOne() {
		PartitionOffsets offsets = dispatch(P0, 0, 1, 2);
		offsets.completed(0);
		Map<TopicPartition, OffsetAndMetadata> older = this.tracker.takeCommits();
		offsets.completed(1);
		this.tracker.takeCommits();

		this.tracker.commitFailed(older);

		assertThat(this.tracker.takeCommits()).isEmpty();
	}

	@Test
	void offsetsWithGapsInTheLogCommitPastTheLastRecord() {
		// Compaction and transaction markers leave offsets that are never delivered.
		PartitionOffsets offsets = dispatch(P0, 3, 5, 9);

		offsets.completed(9);
		offsets.completed(5);
		offsets.completed(3);

		assertThat(this.tracker.takeCommits()).isEqualTo(commit(P0, 10));
	}

	@Test
	void manyRecordsInFlightCompletingInReverse() {
		PartitionOffsets offsets = this.tracker.assign(P0);
		for (long offset = 0; offset < 1000; offset++) {
			offsets.dispatched(offset);
		}
		for (long offset = 999; offset > 0; offset--) {
			offsets.completed(offset);
		}
		assertThat(this.tracker.takeCommits()).isEmpty();

		offsets.completed(0);

		assertThat(this.tracker.takeCommits()).isEqualTo(commit(P0, 1000));
	}

	@Test
	void completionOfAnUnknownOrRepeatedOffsetChangesNothing() {
		PartitionOffsets offsets = dispatch(P0, 0, 1);

		assertThat(offsets.completed(7)).isFalse();
		assertThat(offsets.completed(1)).isTrue();
		assertThat(offsets.completed(1)).isFalse();
		assertThat(offsets.running()).isEqualTo(1);
	}

	@Test
	void dispatched_offsetNotRising() {
		PartitionOffsets offsets = dispatch(P0, 5);

		assertThatIllegalArgumentException().isThrownBy(() -> offsets.dispatched(5))
			.withMessageContaining("sluice.queries-0");
	}

	private PartitionOffsets dispatch(TopicPartition partition, long... offsets) {
		PartitionOffsets partitionOffsets = this.tracker.assign(partition);
		for (long offset : offsets) {
			partitionOffsets.dispatched(offset);
		}
		return partitionOffsets;
	}

	private static Map<TopicPartition, OffsetAndMetadata> commit(TopicPartition partition, long offset) {
		return Map.of(partition, new OffsetAndMetadata(offset));
	}

}
