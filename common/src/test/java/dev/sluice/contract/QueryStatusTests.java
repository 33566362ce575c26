package dev.sluice.contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QueryStatusTests {

	private static final Instant SUBMITTED = Instant.parse("2026-11-22T10:00:00Z");

	private static final Instant STARTED = Instant.parse("2026-11-22T10:00:01Z");

	private static final Instant ENDED = Instant.parse("2026-11-22T10:00:02Z");

	private static final QuerySubmitted QUERY = new QuerySubmitted("q_1", "customer_by_id", Map.of("customerId", 42),
			SUBMITTED, SUBMITTED.plusSeconds(30));

	private static final QueryResult RESULT = new QueryResult(List.of(new Column("id", "int8")), List.of(List.of(42)),
			1, false);

	@Test
	void queued_takesIdentityFromSubmission() {
		QueryStatus status = QueryStatus.queued(QUERY);

		assertThat(status).isEqualTo(new QueryStatus("q_1", "customer_by_id", QueryState.QUEUED, SUBMITTED, null, null,
				null, null, null, null));
	}

	@Test
	void queued_carriesTheExpectedStartWhichTheNextStateDrops() {
		Instant expected = SUBMITTED.plusSeconds(4);

		QueryStatus queued = QueryStatus.queued(QUERY, expected);

		assertThat(queued.expectedStartAt()).isEqualTo(expected);
		assertThat(queued.running(STARTED).expectedStartAt()).isNull();
		assertThat(queued.ended(QueryState.CANCELED, ENDED, null).expectedStartAt()).isNull();
	}

	@Test
	void running_setsStart() {
		QueryStatus status = QueryStatus.queued(QUERY).running(STARTED);

		assertThat(status).isEqualTo(new QueryStatus("q_1", "customer_by_id", QueryState.RUNNING, SUBMITTED, null,
				STARTED, null, null, null, null));
	}

	@Test
	void succeeded_keepsStart() {
		QueryStatus status = QueryStatus.queued(QUERY).running(STARTED).succeeded(ENDED, CacheOutcome.MISS, RESULT);

		assertThat(status).isEqualTo(new QueryStatus("q_1", "customer_by_id", QueryState.SUCCEEDED, SUBMITTED, null,
				STARTED, ENDED, CacheOutcome.MISS, RESULT, null));
	}

	@Test
	void succeeded_straightFromQueue_startsWhenItEnds() {
		QueryStatus status = QueryStatus.queued(QUERY).succeeded(ENDED, CacheOutcome.HIT, RESULT);

		assertThat(status.startedAt()).isEqualTo(ENDED);
		assertThat(status.completedAt()).isEqualTo(ENDED);
		assertThat(status.cache()).isEqualTo(CacheOutcome.HIT);
	}

	@Test
	void ended_fromQueue_neverStarted() {
		QueryError error = new QueryError("DEADLINE_EXCEEDED", "did not start within 30s");

		QueryStatus status = QueryStatus.queued(QUERY).ended(QueryState.EXPIRED, ENDED, error);

		assertThat(status).isEqualTo(new QueryStatus("q_1", "customer_by_id", QueryState.EXPIRED, SUBMITTED, null, null,
				ENDED, null, null, error));
	}

	@Test
	void ended_whileRunning_keepsStart() {
		QueryError error = new QueryError("57014", "canceling statement due to user request");

		QueryStatus status = QueryStatus.queued(QUERY).running(STARTED).ended(QueryState.CANCELED, ENDED, error);

		assertThat(status.state()).isEqualTo(QueryState.CANCELED);
		assertThat(status.startedAt()).isEqualTo(STARTED);
		assertThat(status.completedAt()).isEqualTo(ENDED);
		assertThat(status.result()).isNull();
		assertThat(status.error()).isEqualTo(error);
	}

	@ParameterizedTest
	@EnumSource(value = QueryState.class, names = { "QUEUED", "RUNNING", "SUCCEEDED" })
	void ended_refusesSucceededAndNonTerminal(QueryState state) {
		QueryStatus running = QueryStatus.queued(QUERY).running(STARTED);

		assertThatIllegalArgumentException().isThrownBy(() -> running.ended(state, ENDED, new QueryError("X", "x")))
			.withMessage("ended() takes FAILED, CANCELED or EXPIRED, not " + state);
	}

	@Test
	void result_isImmutableCopy() {
		List<Column> columns = new ArrayList<>(List.of(new Column("id", "int8")));
		QueryResult result = new QueryResult(columns, List.of(), 0, false);

		columns.add(new Column("name", "text"));

		assertThat(result.columns()).containsExactly(new Column("id", "int8"));
	}

}
