package dev.sluice.bench.ceiling;

import java.util.Map;

import dev.sluice.bench.workload.Workload;
import dev.sluice.catalog.Catalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PgbenchScriptsTests {

	private final Workload workload = Workload.load(Map.of("customers", 1000L, "orders", 9000L));

	private final PgbenchScripts scripts = new PgbenchScripts(Catalog.load(Catalog.DEMO));

	private String script(String query) {
		return this.scripts
			.script(this.workload.queries().stream().filter((q) -> q.name().equals(query)).findFirst().orElseThrow());
	}

	@Test
	void zipfRanksBecomePgbenchVariablesOverTheLoadedIdRange() {
		assertThat(script("customer_by_id")).startsWith("\\set p_customerId random_zipfian(1, 1000, 1.1)\n")
			.contains("where id = (:p_customerId)::bigint")
			.endsWith(";\n");
	}

	@Test
	void parametersTheWorkloadLeavesOutGetTheCatalogDefaultOrNull() {
		String search = script("product_search");
		assertThat(search).contains("limit (20)::int").contains("(null)::text::text is null");
	}

	@Test
	void dateRangesAreOffsetsFromTheAnchorDay() {
		assertThat(script("orders_by_status")).contains("\\set d_from random_zipfian(1, 365, 1.1)")
			.contains("created_at >= ((date '2025-12-31' - (:d_from - 1)))::date")
			.contains("(((date '2025-12-31' - (:d_from - 1)) + 30))::date");
	}

}
