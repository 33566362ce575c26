package dev.sluice.worker.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.worker.WorkerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.sluice.worker.WorkerFixture.client;
import static dev.sluice.worker.WorkerFixture.dbQueries;
import static dev.sluice.worker.WorkerFixture.results;
import static dev.sluice.worker.WorkerFixture.sleepy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identical queries share one database execution: a repeat within the cache TTL is served
 * from the cache, and identical queries in flight together are coalesced.
 */
@WorkerIntegrationTest
class ResultCacheIT {

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void repeatWithinCacheTtlIsServedFromCache() {
		QuerySubmitted first = client().query("items_from", Map.of("minPrice", "45.00"));
		client().submit(first);
		QueryStatus original = results().awaitTerminal(first.id());
		double executions = dbQueries(this.meterRegistry, "items_from");

		QuerySubmitted repeat = client().query("items_from", Map.of("minPrice", "45.00"));
		client().submit(repeat);
		QueryStatus cached = results().awaitTerminal(repeat.id());

		assertThat(original.cache()).isEqualTo(CacheOutcome.MISS);
		assertThat(cached.state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(cached.cache()).isEqualTo(CacheOutcome.HIT);
		assertThat(cached.result()).isEqualTo(original.result());
		assertThat(results().statuses(repeat.id())).extracting(QueryStatus::state)
			.containsExactly(QueryState.SUCCEEDED);
		assertThat(dbQueries(this.meterRegistry, "items_from")).isEqualTo(executions);
	}

	@Test
	void identicalQueriesSubmittedTogetherShareOneExecution() {
		String tag = "together-" + UUID.randomUUID();
		List<QuerySubmitted> identical = List.of(sleepy(tag, "1"), sleepy(tag, "1"), sleepy(tag, "1"));
		double executions = dbQueries(this.meterRegistry, "sleepy");

		client().submitTogether(identical);

		List<QueryStatus> statuses = identical.stream().map((query) -> results().awaitTerminal(query.id())).toList();
		assertThat(statuses).extracting(QueryStatus::state).containsOnly(QueryState.SUCCEEDED);
		assertThat(statuses).extracting(QueryStatus::cache)
			.containsExactlyInAnyOrder(CacheOutcome.MISS, CacheOutcome.COALESCED, CacheOutcome.COALESCED);
		assertThat(statuses).extracting((status) -> status.result().rows()).containsOnly(List.of(List.of(tag)));
		assertThat(dbQueries(this.meterRegistry, "sleepy")).isEqualTo(executions + 1);

		QuerySubmitted later = sleepy(tag, "1");
		client().submit(later);
		assertThat(results().awaitTerminal(later.id()).cache()).isEqualTo(CacheOutcome.HIT);
	}

	@Test
	void manyIdenticalQueriesInFlightShareOneExecution() {
		String tag = "window-" + UUID.randomUUID();
		List<QuerySubmitted> identical = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			identical.add(sleepy(tag, "0.5"));
		}
		double executions = dbQueries(this.meterRegistry, "sleepy");

		client().submitTogether(identical);

		List<QueryStatus> statuses = identical.stream()
			.map((query) -> results().awaitTerminal(query.id(), Duration.ofSeconds(30)))
			.toList();
		assertThat(statuses).extracting(QueryStatus::state).containsOnly(QueryState.SUCCEEDED);
		assertThat(statuses).extracting(QueryStatus::cache)
			.isSubsetOf(CacheOutcome.MISS, CacheOutcome.COALESCED, CacheOutcome.HIT)
			.containsOnlyOnce(CacheOutcome.MISS);
		assertThat(dbQueries(this.meterRegistry, "sleepy")).isEqualTo(executions + 1);
	}

}
