package dev.sluice.bench.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusProbeTests {

	@Test
	void sumsEverySeriesOfTheMetricAndNothingElse() {
		String text = """
				# HELP sluice_db_queries_total Executions that really hit the database
				# TYPE sluice_db_queries_total counter
				sluice_db_queries_total{application="sluice-worker",query="customer_by_id"} 120.0
				sluice_db_queries_total{application="sluice-worker",query="top_products"} 3.0
				sluice_db_queries_totally_different 999.0
				sluice_queue_depth{application="sluice-ingress"} 42.0
				""";
		assertThat(PrometheusProbe.sum(text, "sluice_db_queries_total")).isEqualTo(123);
		assertThat(PrometheusProbe.sum(text, "sluice_queue_depth")).isEqualTo(42);
	}

	@Test
	void aMissingMetricReadsAsUnknown() {
		assertThat(PrometheusProbe.sum("other_metric 1.0\n", "sluice_queue_depth")).isEqualTo(-1);
		assertThat(PrometheusProbe.sum("sluice_queue_depth NaN\n", "sluice_queue_depth")).isEqualTo(-1);
	}

	@Test
	void readsTheValueNotTheTimestampOfASample() {
		String text = """
				sluice_queue_depth{application="sluice ingress",note="a \\"quoted\\" word"} 42.0 1700000000000
				sluice_queue_depth 8 1700000000000
				""";
		assertThat(PrometheusProbe.sum(text, "sluice_queue_depth")).isEqualTo(50);
	}

}
