package dev.sluice.worker.pipeline;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import dev.sluice.catalog.Catalog;
import dev.sluice.contract.QueryState;
import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import dev.sluice.contract.RoutingKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdmissionTests {

	static final Catalog CATALOG = Catalog.parse("""
			queries:
			  orders:
			    sql: select * from orders where customer_id = :customerId limit :limit
			    params:
			      customerId: { type: long, required: true, min: 1 }
			      limit: { type: int, default: 20 }
			""", "test");

	static final Instant SUBMITTED = Instant.parse("2026-11-22T10:00:00Z");

	static final Instant DEADLINE = SUBMITTED.plusSeconds(30);

	final Admission admission = new Admission(CATALOG, Set.of("q_canceled")::contains);

	@Test
	void validQueryBeforeItsDeadlineIsAdmittedWithTypedParametersAndItsRoutingKey() {
		Admission.Decision decision = this.admission.admit(submitted("q_1", "orders", Map.of("customerId", 42)),
				DEADLINE.minusSeconds(1));

		assertThat(decision).isInstanceOfSatisfying(Admission.Admitted.class, (admitted) -> {
			assertThat(admitted.query().name()).isEqualTo("orders");
			assertThat(admitted.values()).containsExactly(Map.entry("customerId", 42L), Map.entry("limit", 20));
			assertThat(admitted.routingKey())
				.isEqualTo(RoutingKey.of("orders", Map.of("customerId", 42L, "limit", 20)));
		});
	}

	@Test
	void queryAtExactlyItsDeadlineIsStillAdmitted() {
		assertThat(this.admission.admit(submitted("q_1", "orders", Map.of("customerId", 42)), DEADLINE))
			.isInstanceOf(Admission.Admitted.class);
	}

	@Test
	void queryPastItsDeadlineExpiresSayingHowLongItWaited() {
		QueryStatus status = rejected(submitted("q_1", "orders", Map.of("customerId", 42)), DEADLINE.plusMillis(1_250));

		assertThat(status.state()).isEqualTo(QueryState.EXPIRED);
		assertThat(status.error().code()).isEqualTo("DEADLINE_EXCEEDED");
		assertThat(status.error().message())
			.isEqualTo("waited 31.3 s in the queue, past its deadline of 30.0 s after submission");
		assertThat(status.startedAt()).isNull();
		assertThat(status.completedAt()).isEqualTo(DEADLINE.plusMillis(1_250));
	}

	@Test
	void canceledQueryEndsCanceledBeforeItsDeadlineIsChecked() {
		QueryStatus status = rejected(submitted("q_canceled", "orders", Map.of("customerId", 42)),
				DEADLINE.plusSeconds(60));

		assertThat(status.state()).isEqualTo(QueryState.CANCELED);
		assertThat(status.error().code()).isEqualTo("CANCELED");
	}

	@Test
	void queryMissingFromTheCatalogFailsWithUnknownQuery() {
		QueryStatus status = rejected(submitted("q_1", "customers", Map.of()), SUBMITTED);

		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("UNKNOWN_QUERY");
		assertThat(status.error().message()).isEqualTo("query 'customers' is not in this worker's catalog");
	}

	@Test
	void parametersThatNoLongerBindFailWithInvalidParamsNamingEachField() {
		QueryStatus status = rejected(submitted("q_1", "orders", Map.of("customerId", 0, "limit", "many")), SUBMITTED);

		assertThat(status.state()).isEqualTo(QueryState.FAILED);
		assertThat(status.error().code()).isEqualTo("INVALID_PARAMS");
		assertThat(status.error().message()).contains("params.customerId: ").contains("; params.limit: ");
	}

	@Test
	void metricTagIsTheQueryNameOnlyForCatalogQueries() {
		assertThat(this.admission.metricTag("orders")).isEqualTo("orders");
		assertThat(this.admission.metricTag("anything a client sends")).isEqualTo("unknown");
		assertThat(this.admission.metricTag(null)).isEqualTo("unknown");
	}

	private QueryStatus rejected(QuerySubmitted submitted, Instant now) {
		Admission.Decision decision = this.admission.admit(submitted, now);
		assertThat(decision).isInstanceOf(Admission.Rejected.class);
		QueryStatus status = ((Admission.Rejected) decision).status();
		assertThat(status.id()).isEqualTo(submitted.id());
		assertThat(status.state().isTerminal()).isTrue();
		return status;
	}

	private static QuerySubmitted submitted(String id, String query, Map<String, Object> params) {
		return new QuerySubmitted(id, query, params, SUBMITTED, DEADLINE);
	}

}
