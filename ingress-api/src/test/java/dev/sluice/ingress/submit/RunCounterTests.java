package dev.sluice.ingress.submit;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.contract.QueryState;
import dev.sluice.contract.StatusHead;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunCounterTests {

	private static final Instant START = Instant.parse("2026-12-02T12:00:00Z");

	private final AtomicInteger ran = new AtomicInteger();

	private final RunCounter counter = new RunCounter(this.ran::incrementAndGet, START);

	@Test
	void countsEveryQueryThatRanToItsEndWhateverItsOutcome() {
		this.counter.record(status("a", QueryState.RUNNING, START.plusSeconds(1), null), //
				status("a", QueryState.SUCCEEDED, START.plusSeconds(1), START.plusSeconds(2)));
		this.counter.record(null, status("b", QueryState.FAILED, START.plusSeconds(1), START.plusSeconds(2)));
		this.counter.record(null, status("c", QueryState.CANCELED, START.plusSeconds(1), START.plusSeconds(2)));

		assertThat(this.ran).hasValue(3);
	}

	@Test
	void doesNotCountWhatTheWorkersPassedWithoutRunningIt() {
		this.counter.record(null, status("a", QueryState.EXPIRED, null, START.plusSeconds(2)));
		this.counter.record(null, status("b", QueryState.CANCELED, null, START.plusSeconds(2)));

		assertThat(this.ran).hasValue(0);
	}

	@Test
	void doesNotCountWhatHasNotEnded() {
		this.counter.record(null, status("a", QueryState.QUEUED, null, null));
		this.counter.record(null, status("a", QueryState.RUNNING, START.plusSeconds(1), null));

		assertThat(this.ran).hasValue(0);
	}

	@Test
	void doesNotCountEndsFromBeforeItStartedSuchAsThoseReplayedAtStartUp() {
		this.counter.record(null, status("a", QueryState.SUCCEEDED, START.minusSeconds(9), START.minusSeconds(1)));
		this.counter.record(null, status("b", QueryState.SUCCEEDED, START.minusSeconds(1), START));

		assertThat(this.ran).hasValue(1);
	}

	private static StatusHead status(String id, QueryState state, @Nullable Instant startedAt,
			@Nullable Instant completedAt) {
		return new StatusHead(id, "customer_by_id", state, START.minusSeconds(10), startedAt, completedAt, null, null);
	}

}
