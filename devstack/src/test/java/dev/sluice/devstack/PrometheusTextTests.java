package dev.sluice.devstack;

import java.util.List;
import java.util.Map;

import dev.sluice.devstack.PrometheusText.Sample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTests {

	@Test
	void readsNamesLabelsAndValues() {
		List<Sample> samples = PrometheusText.parse("""
				# HELP sluice_db_queries_total Executions
				# TYPE sluice_db_queries_total counter
				sluice_db_queries_total{application="sluice-worker",query="customer_by_id"} 12.0
				sluice_queue_depth 3
				sluice_query_end_to_end_seconds_bucket{le="+Inf",query="a \\"quoted\\", name"} 7 1700000000000
				""");
		assertThat(samples).containsExactly(
				new Sample("sluice_db_queries_total", Map.of("application", "sluice-worker", "query", "customer_by_id"),
						12.0),
				new Sample("sluice_queue_depth", Map.of(), 3.0), new Sample("sluice_query_end_to_end_seconds_bucket",
						Map.of("le", "+Inf", "query", "a \"quoted\", name"), 7.0));
	}

	@Test
	void skipsLinesItCannotRead() {
		assertThat(PrometheusText.parse("garbage\nx{a=\"1\" 2\nok 1\nbad notanumber\n"))
			.containsExactly(new Sample("ok", Map.of(), 1.0));
	}

	@Test
	void readsSpecialValues() {
		assertThat(PrometheusText.parse("a NaN\nb +Inf\nc -Inf\n")).extracting(Sample::value)
			.containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
	}

}
