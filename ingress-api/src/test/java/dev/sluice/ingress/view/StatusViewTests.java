package dev.sluice.ingress.view;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.QueryError;
import dev.sluice.contract.QueryResult;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.StatusHead;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusViewTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final StatusView view = new StatusView(Duration.ofMinutes(15), 1024 * 1024, this.clock);

	@Test
	void firstStatusOfAnIdIsKept() {
		assertThat(this.view.apply(encoded(queued("q_1")))).isTrue();

		assertThat(state("q_1")).isEqualTo(QueryState.QUEUED);
	}

	@Test
	void keptStatusIsTheSameBytesThatWereApplied() {
		EncodedStatus queued = encoded(queued("q_1"));
		this.view.apply(queued);

		assertThat(this.view.get("q_1")).get().extracting(EncodedStatus::json).isSameAs(queued.json());
	}

	@Test
	void laterStatesReplaceEarlierOnes() {
		QueryStatus queued = queued("q_1");
		this.view.apply(encoded(queued));

		assertThat(this.view.apply(encoded(queued.running(NOW)))).isTrue();
		assertThat(state("q_1")).isEqualTo(QueryState.RUNNING);
	}

	@Test
	void runningArrivingBeforeQueuedIsNotUndone() {
		QueryStatus queued = queued("q_1");
		this.view.apply(encoded(queued.running(NOW)));

		assertThat(this.view.apply(encoded(queued))).isFalse();
		assertThat(state("q_1")).isEqualTo(QueryState.RUNNING);
	}

	@Test
	void terminalStatesNeverChange() {
		QueryStatus running = queued("q_1").running(NOW);
		this.view.apply(encoded(running.ended(QueryState.CANCELED, NOW, new QueryError("CANCELED", "canceled"))));

		assertThat(this.view.apply(encoded(running.succeeded(NOW, CacheOutcome.MISS, emptyResult())))).isFalse();
		assertThat(this.view.apply(encoded(running))).isFalse();
		assertThat(state("q_1")).isEqualTo(QueryState.CANCELED);
	}

	@Test
	void redeliveredStatusIsIgnored() {
		QueryStatus queued = queued("q_1");
		this.view.apply(encoded(queued));

		assertThat(this.view.apply(encoded(queued))).isFalse();
	}

	@Test
	void statusOlderThanTheRetentionIsNotKept() {
		QueryStatus old = QueryStatus.queued(new QuerySubmitted("q_old", "customer_by_id", Map.of(),
				NOW.minus(Duration.ofMinutes(16)), NOW.minus(Duration.ofMinutes(15))));

		assertThat(this.view.apply(encoded(old))).isFalse();
		assertThat(this.view.get("q_old")).isEmpty();
	}

	@Test
	void statusExpiresRetentionAfterItsSubmissionEvenBeforeItIsTrimmed() {
		this.view.apply(encoded(queued("q_1")));

		this.clock.set(NOW.plus(Duration.ofMinutes(15)).minusMillis(1));
		assertThat(this.view.get("q_1")).isPresent();
		this.clock.set(NOW.plus(Duration.ofMinutes(15)));
		assertThat(this.view.get("q_1")).isEmpty();
		assertThat(this.view.size()).isEqualTo(1);

		this.view.trim();
		assertThat(this.view.size()).isZero();
		assertThat(this.view.bytes()).isZero();
	}

	@Test
	void aQueryWeighsItsDocumentsBytesPlusTheEntryOverhead() {
		QueryStatus queued = queued("q_1");
		EncodedStatus first = encoded(queued);
		this.view.apply(first);
		assertThat(this.view.bytes()).isEqualTo(first.json().length + StatusView.ENTRY_OVERHEAD);

		EncodedStatus succeeded = encoded(queued.running(NOW).succeeded(NOW, CacheOutcome.MISS, rows(50)));
		this.view.apply(succeeded);

		assertThat(succeeded.json().length).isGreaterThan(first.json().length);
		assertThat(this.view.bytes()).isEqualTo(succeeded.json().length + StatusView.ENTRY_OVERHEAD);
	}

	@Test
	void whenTheBytesRunOutTheOldestQueriesGoFirst() {
		EncodedStatus sample = encoded(queued("q_00"));
		long weight = sample.json().length + StatusView.ENTRY_OVERHEAD;
		StatusView small = new StatusView(Duration.ofMinutes(15), 10 * weight, this.clock);
		for (int i = 0; i < 10; i++) {
			small.apply(encoded(queued("q_%02d".formatted(i))));
		}
		// Read often, the oldest would stay in a frequency-based cache; here it goes.
		for (int i = 0; i < 100; i++) {
			small.get("q_00");
		}

		small.apply(encoded(queued("q_10")));
		small.apply(encoded(queued("q_11")));

		assertThat(small.get("q_00")).isEmpty();
		assertThat(small.get("q_01")).isEmpty();
		for (int i = 2; i <= 11; i++) {
			assertThat(small.get("q_%02d".formatted(i))).as("q_%02d", i).isPresent();
		}
		assertThat(small.bytes()).isLessThanOrEqualTo(10 * weight);
	}

	@Test
	void aQueryKeepsItsPlaceInTheOrderWhenItsStateAdvances() {
		EncodedStatus sample = encoded(queued("q_0"));
		long weight = sample.json().length + StatusView.ENTRY_OVERHEAD;
		StatusView small = new StatusView(Duration.ofMinutes(15), 2 * weight, this.clock);
		QueryStatus first = queued("q_0");
		small.apply(encoded(first));
		small.apply(encoded(queued("q_1")));

		small.apply(encoded(first.running(NOW)));
		small.apply(encoded(queued("q_2")));

		assertThat(small.get("q_0")).isEmpty();
		assertThat(small.get("q_1")).isPresent();
		assertThat(small.get("q_2")).isPresent();
	}

	@Test
	void withdrawForgetsOnlyAQueuedStatus() {
		EncodedStatus queued = encoded(queued("q_1"));
		EncodedStatus running = encoded(queued("q_2").running(NOW));
		this.view.apply(queued);
		this.view.apply(running);

		assertThat(this.view.withdraw("q_1")).isTrue();
		assertThat(this.view.withdraw("q_2")).isFalse();
		assertThat(this.view.withdraw("q_3")).isFalse();

		assertThat(this.view.get("q_1")).isEmpty();
		assertThat(state("q_2")).isEqualTo(QueryState.RUNNING);
		assertThat(this.view.bytes()).isEqualTo(running.json().length + StatusView.ENTRY_OVERHEAD);
		assertThat(this.view.apply(queued)).as("queued again").isTrue();
		assertThat(this.view.bytes())
			.isEqualTo(running.json().length + queued.json().length + 2L * StatusView.ENTRY_OVERHEAD);
	}

	@Test
	void subscriberGetsTheCurrentStatusThenEachAdvance() {
		QueryStatus queued = queued("q_1");
		this.view.apply(encoded(queued));
		List<QueryState> seen = new ArrayList<>();

		try (Subscription subscription = this.view.subscribe("q_1", (status) -> seen.add(status.state()))) {
			this.view.apply(encoded(queued));
			this.view.apply(encoded(queued.running(NOW)));
			this.view.apply(encoded(queued("q_2")));
		}
		this.view.apply(encoded(queued.running(NOW).succeeded(NOW, CacheOutcome.HIT, emptyResult())));

		assertThat(seen).containsExactly(QueryState.QUEUED, QueryState.RUNNING);
	}

	@Test
	void everyChangeListenerGetsThePreviousAndTheNewHead() {
		List<String> seen = new ArrayList<>();
		this.view.subscribeToAll((previous, next) -> seen
			.add(((previous != null) ? previous.state().name() : "-") + ">" + next.state().name()));
		QueryStatus queued = queued("q_1");

		this.view.apply(encoded(queued));
		this.view.apply(encoded(queued));
		this.view.apply(encoded(queued.running(NOW)));

		assertThat(seen).containsExactly("->QUEUED", "QUEUED>RUNNING");
	}

	private QueryState state(String id) {
		return this.view.get(id).map(EncodedStatus::head).map(StatusHead::state).orElse(null);
	}

	private static EncodedStatus encoded(QueryStatus status) {
		return EncodedStatus.of(status);
	}

	private static QueryStatus queued(String id) {
		return QueryStatus
			.queued(new QuerySubmitted(id, "customer_by_id", Map.of("customerId", 1), NOW, NOW.plusSeconds(30)));
	}

	private static QueryResult emptyResult() {
		return new QueryResult(List.of(), List.of(), 0, false);
	}

	private static QueryResult rows(int count) {
		List<List<Object>> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(List.of(i));
		}
		return new QueryResult(List.of(new dev.sluice.contract.Column("id", "int8")), rows, count, false);
	}

	/** A clock the test moves by hand. */
	private static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
