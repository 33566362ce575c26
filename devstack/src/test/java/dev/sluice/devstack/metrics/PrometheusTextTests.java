package dev.sluice.devstack.metrics;

import java.util.List;
import java.util.Map;

import dev.sluice.devstack.metrics.PrometheusText.Sample;
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

	@Test
	void readsTheValueBeforeATimestamp() {
		assertThat(PrometheusText.parse("""
				sluice_queue_depth 3 1700000000000
				sluice_db_queries_total{query="top_products"} 12.5 1700000000000
				sluice_db_queries_total{query="customer_by_id"}\t7\t-1700000000000
				""")).extracting(Sample::value).containsExactly(3.0, 12.5, 7.0);
	}

	@Test
	void readsLabelValuesWithSpacesEscapesAndBraces() {
		assertThat(PrometheusText.parse("""
				http_requests_total{uri="/queries/{id}", exception="None at all",msg="said \\"no\\"",} 4 1700000000000
				paths{dir="C:\\\\temp",lines="one\\ntwo"} 1
				""")).containsExactly(
				new Sample("http_requests_total",
						Map.of("uri", "/queries/{id}", "exception", "None at all", "msg", "said \"no\""), 4.0),
				new Sample("paths", Map.of("dir", "C:\\temp", "lines", "one\ntwo"), 1.0));
	}

	@Test
	void readsBlanksAndTabsAnywhereTheFormatAllowsThem() {
		assertThat(PrometheusText.parse("  a{ x = \"1\" , y=\"2\" }\t5  \nb{} 6\nc{x=\"1\"}7\n")).containsExactly(
				new Sample("a", Map.of("x", "1", "y", "2"), 5.0), new Sample("b", Map.of(), 6.0),
				new Sample("c", Map.of("x", "1"), 7.0));
	}

	@Test
	void skipsCommentsHelpAndTypeLinesWhereverTheyStart() {
		assertThat(PrometheusText.parse("""
				# HELP a A help text with {braces} and a value 1
				   # TYPE a gauge
				#a 9
				a 1
				# EOF
				""")).containsExactly(new Sample("a", Map.of(), 1.0));
	}

	@Test
	void dropsAnExemplarAfterTheValue() {
		assertThat(PrometheusText.parse("a_bucket{le=\"0.5\"} 8 # {trace_id=\"4bf9\"} 0.25 1700000000.123\n"))
			.containsExactly(new Sample("a_bucket", Map.of("le", "0.5"), 8.0));
	}

	@Test
	void skipsLinesThatBreakTheFormat() {
		assertThat(PrometheusText.parse("""
				1metric 1
				a-b 1
				a 1 notatimestamp
				a 1 2 3
				a 1d
				a Infinity
				a{x=1} 1
				a{x="1"
				a{x="unterminated} 1
				a{="1"} 1
				a{x="1" y="2"} 1
				a
				ok:total 2
				""")).containsExactly(new Sample("ok:total", Map.of(), 2.0));
	}

}
