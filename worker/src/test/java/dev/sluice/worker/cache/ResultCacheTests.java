package dev.sluice.worker.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.Column;
import dev.sluice.contract.EncodedResult;
import dev.sluice.contract.QueryError;
import dev.sluice.contract.QueryResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultCacheTests {

	static final EncodedResult ROWS = EncodedResult.of(new QueryResult(List.of(), List.of(), 0, false));

	static final Duration TTL = Duration.ofSeconds(30);

	final AtomicLong nanos = new AtomicLong();

	final ResultCache cache = new ResultCache(1024 * 1024, this.nanos::get);

	@Test
	void firstLookupMissesAndRegistersAnExecution() {
		CacheLookup lookup = this.cache.lookup("k", "q1");

		assertThat(lookup.outcome()).isEqualTo(CacheOutcome.MISS);
		assertThat(lookup.execution()).isNotDone();
		assertThat(lookup.execution().key()).isEqualTo("k");
	}

	@Test
	void identicalLookupWhileInFlightIsCoalescedOntoTheSameExecution() {
		CacheLookup first = this.cache.lookup("k", "q1");

		CacheLookup second = this.cache.lookup("k", "q2");

		assertThat(second.outcome()).isEqualTo(CacheOutcome.COALESCED);
		assertThat(second.execution()).isSameAs(first.execution());
	}

	@Test
	void lookupAfterSuccessWithinTtlIsAHit() {
		this.cache.lookup("k", "q1").execution().complete(succeeded(Duration.ofSeconds(30)));
		this.nanos.addAndGet(TimeUnit.SECONDS.toNanos(29));

		CacheLookup repeat = this.cache.lookup("k", "q2");

		assertThat(repeat.outcome()).isEqualTo(CacheOutcome.HIT);
		assertThat(repeat.execution().join()).isEqualTo(succeeded(Duration.ofSeconds(30)));
	}

	@Test
	void hitsAndCoalescedQueriesShareTheRowsEncodedByTheExecution() {
		SharedExecution execution = this.cache.lookup("k", "q1").execution();
		CacheLookup coalesced = this.cache.lookup("k", "q2");
		EncodedResult rows = EncodedResult
			.of(new QueryResult(List.of(new Column("n", "int4")), List.of(List.of(1), List.of(2)), 2, false));

		execution.complete(new ExecutionOutcome.Succeeded(rows, Duration.ofSeconds(30)));
		CacheLookup hit = this.cache.lookup("k", "q3");
		CacheLookup secondHit = this.cache.lookup("k", "q4");

		assertThat(List.of(coalesced, hit, secondHit))
			.extracting((lookup) -> ((ExecutionOutcome.Succeeded) lookup.execution().join()).result())
			.allSatisfy((shared) -> assertThat(shared).isSameAs(rows));
	}

	@Test
	void resultsBeyondTheMemoryBoundAreEvicted() {
		ResultCache small = new ResultCache(3 * (ResultCache.ENTRY_OVERHEAD + 1000), this.nanos::get);
		for (int i = 0; i < 10; i++) {
			small.lookup("k" + i, "q" + i).execution().complete(new ExecutionOutcome.Succeeded(rowsOf(1000), TTL));
		}

		small.caffeine().synchronous().cleanUp();

		assertThat(small.caffeine().synchronous().estimatedSize()).isLessThanOrEqualTo(3);
		assertThat(small.caffeine().synchronous().policy().eviction().orElseThrow().weightedSize().orElseThrow())
			.isLessThanOrEqualTo(3L * (ResultCache.ENTRY_OVERHEAD + 1000));
	}

	@Test
	void noMemoryCachesNothingButStillCoalescesExecutionsInFlight() {
		ResultCache none = new ResultCache(0, this.nanos::get);
		CacheLookup first = none.lookup("k", "q1");
		none.caffeine().synchronous().cleanUp();

		assertThat(none.lookup("k", "q2").outcome()).isEqualTo(CacheOutcome.COALESCED);
		first.execution().complete(new ExecutionOutcome.Succeeded(ROWS, TTL));
		none.caffeine().synchronous().cleanUp();
		assertThat(none.lookup("k", "q3").outcome()).isEqualTo(CacheOutcome.MISS);
	}

	@Test
	void lookupAfterTtlMissesAgain() {
		this.cache.lookup("k", "q1").execution().complete(succeeded(Duration.ofSeconds(30)));
		this.nanos.addAndGet(TimeUnit.SECONDS.toNanos(31));

		assertThat(this.cache.lookup("k", "q2").outcome()).isEqualTo(CacheOutcome.MISS);
	}

	@Test
	void zeroTtlIsNeverServedFromCacheButStillCoalesces() {
		CacheLookup first = this.cache.lookup("k", "q1");
		assertThat(this.cache.lookup("k", "q2").outcome()).isEqualTo(CacheOutcome.COALESCED);

		first.execution().complete(succeeded(Duration.ZERO));

		assertThat(this.cache.lookup("k", "q3").outcome()).isEqualTo(CacheOutcome.MISS);
	}

	@Test
	void failedExecutionIsNeverCached() {
		this.cache.lookup("k", "q1")
			.execution()
			.complete(new ExecutionOutcome.Failed(new QueryError("22012", "division by zero")));

		assertThat(this.cache.lookup("k", "q2").outcome()).isEqualTo(CacheOutcome.MISS);
	}

	@Test
	void unavailableOutcomeIsNeverCached() {
		this.cache.lookup("k", "q1")
			.execution()
			.complete(new ExecutionOutcome.Unavailable(new IllegalStateException("down")));

		assertThat(this.cache.lookup("k", "q2").outcome()).isEqualTo(CacheOutcome.MISS);
	}

	@Test
	void differentKeysNeverShare() {
		this.cache.lookup("k1", "q1");

		assertThat(this.cache.lookup("k2", "q2").outcome()).isEqualTo(CacheOutcome.MISS);
	}

	@Test
	void lastMemberLeavingAbandonsTheExecutionAndCancelsItsStatement() {
		SharedExecution execution = this.cache.lookup("k", "q1").execution();
		AtomicInteger cancels = new AtomicInteger();
		assertThat(execution.attach(cancels::incrementAndGet)).isTrue();

		boolean abandoned = this.cache.leave(execution, "q1");

		assertThat(abandoned).isTrue();
		assertThat(execution.isAbandoned()).isTrue();
		assertThat(cancels).hasValue(1);
		CacheLookup next = this.cache.lookup("k", "q2");
		assertThat(next.outcome()).as("a new query does not join an abandoned execution").isEqualTo(CacheOutcome.MISS);
		assertThat(next.execution()).isNotSameAs(execution);
	}

	@Test
	void memberLeavingWhileOthersWaitKeepsTheStatementRunning() {
		SharedExecution execution = this.cache.lookup("k", "q1").execution();
		this.cache.lookup("k", "q2");
		AtomicInteger cancels = new AtomicInteger();
		execution.attach(cancels::incrementAndGet);

		boolean abandoned = this.cache.leave(execution, "q1");

		assertThat(abandoned).isFalse();
		assertThat(execution.isAbandoned()).isFalse();
		assertThat(cancels).hasValue(0);
		assertThat(this.cache.leave(execution, "q2")).isTrue();
		assertThat(cancels).hasValue(1);
	}

	@Test
	void abandonedExecutionRefusesToAttachItsStatement() {
		SharedExecution execution = this.cache.lookup("k", "q1").execution();
		this.cache.leave(execution, "q1");

		assertThat(execution.attach(() -> {
		})).isFalse();
	}

	@Test
	void detachedStatementIsNotCancelled() {
		SharedExecution execution = this.cache.lookup("k", "q1").execution();
		AtomicInteger cancels = new AtomicInteger();
		execution.attach(cancels::incrementAndGet);
		execution.detach();

		this.cache.leave(execution, "q1");

		assertThat(cancels).hasValue(0);
	}

	@Test
	void leavingACompletedExecutionChangesNothing() {
		SharedExecution execution = this.cache.lookup("k", "q1").execution();
		execution.complete(succeeded(Duration.ofSeconds(30)));

		assertThat(this.cache.leave(execution, "q1")).isFalse();
		assertThat(this.cache.lookup("k", "q2").outcome()).isEqualTo(CacheOutcome.HIT);
	}

	/** Rows whose encoding is exactly {@code bytes} long. */
	private static EncodedResult rowsOf(int bytes) {
		int empty = EncodedResult.of(new QueryResult(List.of(), List.of(List.of("")), 1, false)).size();
		EncodedResult rows = EncodedResult
			.of(new QueryResult(List.of(), List.of(List.of("x".repeat(bytes - empty))), 1, false));
		assertThat(rows.size()).isEqualTo(bytes);
		return rows;
	}

	private static ExecutionOutcome.Succeeded succeeded(Duration ttl) {
		return new ExecutionOutcome.Succeeded(ROWS, ttl);
	}

}
