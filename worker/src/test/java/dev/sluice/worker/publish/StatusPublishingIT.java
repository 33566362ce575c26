package dev.sluice.worker.publish;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.StatusHead;
import dev.sluice.worker.ResultsCollector;
import dev.sluice.worker.WorkerIntegrationTest;
import org.junit.jupiter.api.Test;

import static dev.sluice.worker.WorkerFixture.client;
import static dev.sluice.worker.WorkerFixture.results;
import static dev.sluice.worker.WorkerFixture.sleepy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The records the worker writes to {@code sluice.results}: RUNNING only for a query still
 * running after the delay, every status with its head in the headers, and a result too
 * large for one record replaced by a failure.
 */
@WorkerIntegrationTest
class StatusPublishingIT {

	@Test
	void queryStillRunningAfterTheDelayIsPublishedRunningFirst() {
		QuerySubmitted slow = sleepy("announced-" + UUID.randomUUID(), "2.5");
		client().submit(slow);

		QueryStatus status = results().awaitTerminal(slow.id());

		List<QueryStatus> statuses = results().statuses(slow.id());
		assertThat(statuses).extracting(QueryStatus::state).containsExactly(QueryState.RUNNING, QueryState.SUCCEEDED);
		QueryStatus running = statuses.get(0);
		assertThat(running.startedAt()).isEqualTo(status.startedAt());
		assertThat(running.result()).isNull();
	}

	@Test
	void everyRecordCarriesTheHeadOfItsStatusInHeadersAndTheStatusJsonAsValue() {
		String tag = "records-" + UUID.randomUUID();
		List<QuerySubmitted> identical = List.of(sleepy(tag, "1.5"), sleepy(tag, "1.5"));
		QuerySubmitted failing = client().query("divide", Map.of("divisor", 0));
		Instant now = Instant.now();
		QuerySubmitted expired = client().query("untouched", Map.of("tag", tag), now.minusSeconds(10),
				now.minusSeconds(5));
		client().submitTogether(List.of(identical.get(0), identical.get(1), failing, expired));
		identical.forEach((query) -> results().awaitTerminal(query.id()));
		results().awaitTerminal(failing.id());
		results().awaitTerminal(expired.id());
		QuerySubmitted hit = sleepy(tag, "1.5");
		client().submit(hit);
		results().awaitTerminal(hit.id());

		List<ResultsCollector.Published> records = new ArrayList<>();
		for (QuerySubmitted query : List.of(identical.get(0), identical.get(1), failing, expired, hit)) {
			records.addAll(results().records(query.id()));
		}

		assertThat(records).extracting((record) -> record.status().state() + " " + record.status().cache())
			.contains("RUNNING null", "SUCCEEDED MISS", "SUCCEEDED COALESCED", "SUCCEEDED HIT", "FAILED null",
					"EXPIRED null");
		assertThat(records).allSatisfy((record) -> {
			// Headers carry instants as epoch milliseconds.
			assertThat(record.head()).isEqualTo(toMillis(StatusHead.of(record.status())));
			assertThat(record.value()).isEqualTo(JsonCodec.encode(record.status()));
		});
	}

	@Test
	void resultTooLargeForOneRecordFailsWithResultTooLarge() {
		QuerySubmitted huge = client().query("huge", Map.of("count", 17));
		client().submit(huge);

		QueryStatus status = results().awaitTerminal(huge.id(), Duration.ofSeconds(60));

		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("RESULT_TOO_LARGE");
		assertThat(status.error().message()).contains("17 rows").contains("maxRows");
	}

	private static StatusHead toMillis(StatusHead head) {
		return new StatusHead(head.id(), head.query(), head.state(), toMillis(head.submittedAt()),
				toMillis(head.startedAt()), toMillis(head.completedAt()), head.cache(), head.errorCode());
	}

	private static Instant toMillis(Instant instant) {
		return (instant != null) ? instant.truncatedTo(ChronoUnit.MILLIS) : null;
	}

}
