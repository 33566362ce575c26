package dev.sluice.bench.workload;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import dev.sluice.catalog.Catalog;
import dev.sluice.catalog.CatalogQuery;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkloadTests {

	private final Catalog catalog = Catalog.load(Catalog.DEMO);

	@Test
	void everyDrawnQueryBindsAgainstTheDemoCatalog() {
		Workload workload = Workload.load(Map.of());
		SplittableRandom random = new SplittableRandom(7);
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < 5_000; i++) {
			WorkItem item = workload.next(random);
			CatalogQuery query = this.catalog.find(item.query()).orElseThrow();
			assertThat(query.bind(item.params())).isNotEmpty();
			seen.merge(item.query(), 1, Integer::sum);
		}
		assertThat(seen.keySet())
			.containsExactlyInAnyOrderElementsOf(this.catalog.queries().stream().map(CatalogQuery::name).toList());
		assertThat(seen.get("customer_by_id")).isGreaterThan(seen.get("top_products") * 3);
	}

	@Test
	void sizeOverridesBoundTheDrawnIds() {
		Workload workload = Workload.load(Map.of("customers", 50L));
		SplittableRandom random = new SplittableRandom(1);
		for (int i = 0; i < 2_000; i++) {
			WorkItem item = workload.next(random);
			if (item.query().equals("customer_by_id")) {
				assertThat((Long) item.params().get("customerId")).isBetween(1L, 50L);
			}
		}
	}

	@Test
	void dateRangesEndAfterTheyStart() {
		Workload workload = Workload.load(Map.of());
		SplittableRandom random = new SplittableRandom(3);
		for (int i = 0; i < 2_000; i++) {
			WorkItem item = workload.next(random);
			if (item.query().equals("orders_by_status")) {
				assertThat(item.params().get("to").toString()).isGreaterThan(item.params().get("from").toString());
				assertThat(item.params().get("from").toString()).isBetween("2024-12-31", "2025-12-31");
			}
		}
	}

	@Test
	void bodyIsTheSubmitRequestJson() {
		WorkItem item = new WorkItem("customer_by_id", Map.of("customerId", 7L));
		assertThat(item.toJson()).contains("\"query\":\"customer_by_id\"").contains("\"params\":{\"customerId\":7}");
	}

	@Test
	void zipf_nonPositiveSize() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Zipf(0, 1.1)).withMessageContaining("at least 1");
	}

	@Test
	void zipfRanksFollowThePowerLaw() {
		Zipf zipf = new Zipf(100_000, 1.1);
		SplittableRandom random = new SplittableRandom(11);
		long[] counts = new long[11];
		for (int i = 0; i < 200_000; i++) {
			long rank = zipf.next(random);
			assertThat(rank).isBetween(1L, 100_000L);
			if (rank <= 10) {
				counts[(int) rank]++;
			}
		}
		// P(1) / P(k) = k^s
		assertThat((double) counts[1] / counts[2]).isCloseTo(Math.pow(2, 1.1),
				org.assertj.core.data.Offset.offset(0.1));
		assertThat((double) counts[1] / counts[10]).isCloseTo(Math.pow(10, 1.1),
				org.assertj.core.data.Offset.offset(1.5));
	}

}
