package dev.sluice.worker.pipeline;

import java.time.Instant;
import java.util.Map;

import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.worker.QueryClient;
import dev.sluice.worker.WorkerIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static dev.sluice.worker.WorkerFixture.client;
import static dev.sluice.worker.WorkerFixture.dbQueries;
import static dev.sluice.worker.WorkerFixture.results;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Queries the worker ends without a connection: past their deadline, not in the catalog,
 * or with parameters the catalog refuses.
 */
@WorkerIntegrationTest
class AdmissionIT {

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void expiredQueryNeverTouchesDatabase() {
		Instant now = Instant.now();
		QuerySubmitted late = client().query("untouched", Map.of("tag", "late"), now.minusSeconds(10),
				now.minusSeconds(5));

		client().submit(late);
		QueryStatus status = results().awaitTerminal(late.id());

		assertThat(status.state()).isEqualTo(QueryState.EXPIRED);
		assertThat(status.error().code()).isEqualTo("DEADLINE_EXCEEDED");
		assertThat(status.error().message()).startsWith("waited 1")
			.endsWith("past its deadline of 5.0 s after submission");
		assertThat(status.startedAt()).isNull();
		assertThat(results().statuses(late.id())).extracting(QueryStatus::state).containsExactly(QueryState.EXPIRED);
		assertThat(dbQueries(this.meterRegistry, "untouched")).isZero();
	}

	@Test
	void unknownQueryFailsWithUnknownQuery() {
		QuerySubmitted unknown = new QuerySubmitted(QueryClient.newId(), "no_such_query", Map.of(), Instant.now(),
				Instant.now().plusSeconds(60));
		client().submit(unknown);

		QueryStatus status = results().awaitTerminal(unknown.id());

		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("UNKNOWN_QUERY");
		assertThat(status.error().message()).contains("no_such_query");
	}

	@Test
	void invalidParametersFailWithInvalidParams() {
		QuerySubmitted invalid = new QuerySubmitted(QueryClient.newId(), "divide", Map.of("divisor", "ten"),
				Instant.now(), Instant.now().plusSeconds(60));
		client().submit(invalid);

		QueryStatus status = results().awaitTerminal(invalid.id());

		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("INVALID_PARAMS");
		assertThat(status.error().message()).startsWith("params.divisor: ");
	}

}
