package dev.sluice.ingress.results;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.QueryError;
import dev.sluice.contract.QueryResult;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusViewTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private final StatusView view = new StatusView(Duration.ofMinutes(15), 1024 * 1024,
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void firstStatusOfAnIdIsKept() {
		assertThat(this.view.apply(queued("q_1"), 100)).isTrue();

		assertThat(this.view.get("q_1")).get().extracting(QueryStatus::state).isEqualTo(QueryState.QUEUED);
	}

	@Test
	void laterStatesReplaceEarlierOnes() {
		QueryStatus queued = queued("q_1");
		this.view.apply(queued, 100);

		assertThat(this.view.apply(queued.running(NOW), 100)).isTrue();
		assertThat(this.view.get("q_1")).get().extracting(QueryStatus::state).isEqualTo(QueryState.RUNNING);
	}

	@Test
	void runningArrivingBeforeQueuedIsNotUndone() {
		QueryStatus queued = queued("q_1");
		this.view.apply(queued.running(NOW), 100);

		assertThat(this.view.apply(queued, 100)).isFalse();
		assertThat(this.view.get("q_1")).get().extracting(QueryStatus::state).isEqualTo(QueryState.RUNNING);
	}

	@Test
	void terminalStatesNeverChange() {
		QueryStatus running = queued("q_1").running(NOW);
		this.view.apply(running.ended(QueryState.CANCELED, NOW, new QueryError("CANCELED", "canceled")), 100);

		assertThat(this.view.apply(running.succeeded(NOW, CacheOutcome.MISS, emptyResult()), 100)).isFalse();
		assertThat(this.view.apply(running, 100)).isFalse();
		assertThat(this.view.get("q_1")).get().extracting(QueryStatus::state).isEqualTo(QueryState.CANCELED);
	}

	@Test
	void redeliveredStatusIsIgnored() {
		QueryStatus queued = queued("q_1");
		this.view.apply(queued, 100);

		assertThat(this.view.apply(queued, 100)).isFalse();
	}

	@Test
	void statusOlderThanTheRetentionIsNotKept() {
		QueryStatus old = QueryStatus.queued(new QuerySubmitted("q_old", "customer_by_id", Map.of(),
				NOW.minus(Duration.ofMinutes(16)), NOW.minus(Duration.ofMinutes(15))));
		this.view.apply(old, 100);

		assertThat(this.view.get("q_old")).isEmpty();
	}

	@Test
	void memoryBoundDropsEntriesBeyondTheWeight() {
		StatusView small = new StatusView(Duration.ofMinutes(15), 1000, Clock.fixed(NOW, ZoneOffset.UTC));
		for (int i = 0; i < 50; i++) {
			small.apply(queued("q_" + i), 100);
		}
		small.cleanUp();

		assertThat(small.size()).isLessThanOrEqualTo(10);
	}

	@Test
	void subscriberGetsTheCurrentStatusThenEachAdvance() {
		QueryStatus queued = queued("q_1");
		this.view.apply(queued, 100);
		List<QueryState> seen = new ArrayList<>();

		try (Subscription subscription = this.view.subscribe("q_1", (status) -> seen.add(status.state()))) {
			this.view.apply(queued, 100);
			this.view.apply(queued.running(NOW), 100);
			this.view.apply(queued("q_2"), 100);
		}
		this.view.apply(queued.running(NOW).succeeded(NOW, CacheOutcome.HIT, emptyResult()), 100);

		assertThat(seen).containsExactly(QueryState.QUEUED, QueryState.RUNNING);
	}

	private static QueryStatus queued(String id) {
		return QueryStatus
			.queued(new QuerySubmitted(id, "customer_by_id", Map.of("customerId", 1), NOW, NOW.plusSeconds(30)));
	}

	private static QueryResult emptyResult() {
		return new QueryResult(List.of(), List.of(), 0, false);
	}

}
