package dev.sluice.worker.publish;

import java.time.Instant;
import java.util.List;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.contract.Column;
import dev.sluice.contract.EncodedResult;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.QueryResult;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.TopicLayout;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusPublisherTests {

	static final Instant STARTED = Instant.parse("2026-11-22T10:00:01Z");

	static final Instant COMPLETED = Instant.parse("2026-11-22T10:00:02Z");

	@Test
	void tooLargeResultBecomesAFailureThatKeepsTheTimesAndDropsTheRows() {
		EncodedStatus succeeded = succeeded(EncodedResult
			.of(new QueryResult(List.of(new Column("n", "int4")), List.of(List.of(1), List.of(2)), 250, false)));

		EncodedStatus failed = StatusPublisher.tooLarge(succeeded);

		QueryStatus decoded = failed.decode();
		assertThat(failed.state()).isEqualTo(QueryState.FAILED);
		assertThat(failed.head().errorCode()).isEqualTo("RESULT_TOO_LARGE");
		assertThat(decoded.result()).isNull();
		assertThat(decoded.startedAt()).isEqualTo(STARTED);
		assertThat(decoded.completedAt()).isEqualTo(COMPLETED);
		assertThat(decoded.cache()).isEqualTo(CacheOutcome.MISS);
		assertThat(decoded.error().code()).isEqualTo("RESULT_TOO_LARGE");
		assertThat(decoded.error().message()).contains("250 rows", "16 MiB", "maxRows of query 'orders'");
	}

	@Test
	void statusLargerThanARecordMayHoldDoesNotFit() {
		EncodedStatus small = succeeded(rowsOfAbout(1024));
		EncodedStatus huge = succeeded(rowsOfAbout(TopicLayout.MAX_MESSAGE_BYTES));

		assertThat(StatusPublisher.fitsOneRecord(small)).isTrue();
		assertThat(StatusPublisher.fitsOneRecord(huge)).isFalse();
		assertThat(StatusPublisher.tooLarge(huge).decode().error().message()).contains("1 rows, 16 MiB");
	}

	private static EncodedResult rowsOfAbout(int bytes) {
		return EncodedResult
			.of(new QueryResult(List.of(new Column("blob", "text")), List.of(List.of("x".repeat(bytes))), 1, false));
	}

	private static EncodedStatus succeeded(EncodedResult rows) {
		return EncodedStatus
			.of(new QueryStatus("q_1", "orders", QueryState.RUNNING, Instant.parse("2026-11-22T10:00:00Z"), null,
					STARTED, null, null, null, null)
				.succeeded(COMPLETED, CacheOutcome.MISS, null), rows);
	}

}
