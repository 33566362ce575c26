package dev.sluice.worker.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.sluice.contract.QuerySubmitted;
import dev.sluice.worker.execute.DatabaseUnavailableException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightWindowTests {

	private static final TopicPartition P0 = new TopicPartition("sluice.queries", 0);

	private final Map<Long, List<Started>> started = new HashMap<>();

	private final AtomicLong now = new AtomicLong();

	private final AtomicInteger wakeups = new AtomicInteger();

	private final AtomicInteger outageCleared = new AtomicInteger();

	private final InFlightWindow window = new InFlightWindow(this::start, this.outageCleared::incrementAndGet, 8,
			new BackoffProperties(Duration.ofMillis(100), Duration.ofMillis(300)), this.now::get);

	InFlightWindowTests() {
		this.window.onRoom(this.wakeups::incrementAndGet);
	}

	@Test
	void pollReturnsAQuarterOfTheWindow() {
		assertThat(InFlightWindow.pollRecords(32)).isEqualTo(8);
		assertThat(InFlightWindow.pollRecords(3)).isEqualTo(1);
	}

	@Test
	void fetchesBringAboutTwoWindowsOfRecordsAndAtLeast4Kb() {
		assertThat(InFlightWindow.partitionFetchBytes(32)).isEqualTo(16 * 1024);
		assertThat(InFlightWindow.partitionFetchBytes(2)).isEqualTo(4096);
	}

	@Test
	void pausesWhenAnotherPollCouldOverfillAndResumesAtHalf() {
		dispatch(0, 6);
		assertThat(this.window.wantsPause()).isFalse();

		dispatch(6, 7);
		assertThat(this.window.wantsPause()).isTrue();
		complete(0, 1);
		this.window.settle();
		assertThat(this.window.wantsPause()).as("still above half").isTrue();
		assertThat(this.wakeups).hasValue(0);

		complete(2);
		assertThat(this.wakeups).as("the consumer is woken up once").hasValue(1);
		complete(3);
		this.window.settle();
		assertThat(this.wakeups).hasValue(1);
		assertThat(this.window.wantsPause()).isFalse();
		assertThat(this.window.offsets().takeCommits()).isEqualTo(Map.of(P0, new OffsetAndMetadata(4)));
	}

	@Test
	void recordLeavesTheWindowWhenItsThreadIsFreeButIsCommittedOnlyOnceAcknowledged() {
		dispatch(0, 7);
		assertThat(this.window.wantsPause()).isTrue();

		for (long offset = 0; offset < 7; offset++) {
			release(offset);
		}
		this.window.settle();

		assertThat(this.wakeups).hasValue(1);
		assertThat(this.window.wantsPause()).isFalse();
		assertThat(this.window.queued()).isZero();
		assertThat(this.window.size()).isEqualTo(7);
		assertThat(this.window.offsets().takeCommits()).isEmpty();
		this.started.get(0L).getLast().acknowledged().complete(null);
		this.window.settle();
		assertThat(this.window.offsets().takeCommits()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
	}

	@Test
	void tooManyRecordsAwaitingAcknowledgementPauseTheConsumer() {
		for (long offset = 0; offset < 8 * InFlightWindow.AWAITING_FACTOR; offset++) {
			dispatch(offset, offset + 1);
			release(offset);
		}

		assertThat(this.window.queued()).isZero();
		assertThat(this.window.wantsPause()).isTrue();
		complete(0, 1);
		this.window.settle();
		assertThat(this.window.wantsPause()).isFalse();
	}

	@Test
	void slowRecordHoldsOnlyItsOwnSlot() {
		dispatch(0, 4);

		complete(1, 2, 3);
		this.window.settle();

		assertThat(this.window.size()).isEqualTo(1);
		assertThat(this.window.wantsPause()).isFalse();
		assertThat(this.window.offsets().takeCommits()).isEmpty();
	}

	@Test
	void failedRecordsStayUncommittedAndAreRetriedTogetherAfterTheBackOff() {
		dispatch(0, 3);
		fail(0);
		complete(1);
		fail(2);
		this.window.settle();

		assertThat(this.window.wantsPause()).as("backing off").isTrue();
		assertThat(this.window.untilRetry()).isEqualTo(Duration.ofMillis(100));
		assertThat(this.window.running()).isZero();
		this.now.addAndGet(Duration.ofMillis(99).toNanos());
		this.window.retryIfDue();
		assertThat(this.started.get(0L)).hasSize(1);
		assertThat(this.outageCleared).hasValue(0);

		this.now.addAndGet(Duration.ofMillis(1).toNanos());
		this.window.retryIfDue();
		assertThat(this.outageCleared).as("the retried queries try the database again").hasValue(1);
		assertThat(this.started.get(0L)).hasSize(2);
		assertThat(this.started.get(2L)).hasSize(2);
		assertThat(this.window.wantsPause()).isFalse();
		assertThat(this.window.offsets().takeCommits()).isEmpty();

		complete(0, 2);
		this.window.settle();
		assertThat(this.window.offsets().takeCommits()).isEqualTo(Map.of(P0, new OffsetAndMetadata(3)));
		assertThat(this.window.size()).isZero();
	}

	@Test
	void backOffDoublesUpToItsMaximumAndStartsShortAgainOnceARetrySucceeds() {
		dispatch(0, 1);
		List<Duration> waits = new ArrayList<>();
		for (int attempt = 0; attempt < 4; attempt++) {
			fail(0);
			this.window.settle();
			waits.add(this.window.untilRetry());
			this.now.addAndGet(this.window.untilRetry().toNanos());
			this.window.retryIfDue();
		}
		complete(0);
		this.window.settle();
		dispatch(1, 2);
		fail(1);
		this.window.settle();

		assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
				Duration.ofMillis(300));
		assertThat(this.window.untilRetry()).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void failedRecordOfARevokedPartitionLeavesTheWindowForItsNextOwner() {
		dispatch(0, 2);
		fail(0);
		this.window.settle();

		assertThat(this.window.running(List.of(P0))).isEqualTo(1);
		this.window.revoke(List.of(P0));
		fail(1);
		this.window.settle();

		assertThat(this.window.size()).isZero();
		assertThat(this.window.untilRetry()).isNull();
		assertThat(this.window.wantsPause()).isFalse();
		assertThat(this.window.offsets().takeCommits()).isEmpty();
	}

	private CompletableFuture<CompletableFuture<Void>> start(ConsumerRecord<String, QuerySubmitted> record) {
		Started started = new Started(new CompletableFuture<>(), new CompletableFuture<>());
		this.started.computeIfAbsent(record.offset(), (offset) -> new ArrayList<>()).add(started);
		return started.handedOver();
	}

	private void dispatch(long from, long to) {
		for (long offset = from; offset < to; offset++) {
			this.window.dispatch(new ConsumerRecord<>(P0.topic(), P0.partition(), offset, "key", null));
		}
	}

	private void complete(long... offsets) {
		for (long offset : offsets) {
			release(offset);
			this.started.get(offset).getLast().acknowledged().complete(null);
		}
	}

	private void release(long offset) {
		Started started = this.started.get(offset).getLast();
		started.handedOver().complete(started.acknowledged());
	}

	private void fail(long offset) {
		this.started.get(offset)
			.getLast()
			.handedOver()
			.completeExceptionally(new DatabaseUnavailableException("down", null));
	}

	/**
	 * One start of a record's work.
	 *
	 * @param handedOver completes when the query thread is free
	 * @param acknowledged completes when Kafka acknowledged the status
	 */
	private record Started(CompletableFuture<CompletableFuture<Void>> handedOver,
			CompletableFuture<Void> acknowledged) {
	}

}
