package dev.sluice.devstack.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.sluice.devstack.launcher.MetricsWindow.Scrape;
import dev.sluice.devstack.metrics.PrometheusText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatusLineTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void missingMetricsShowAsDash() {
		MetricsWindow window = new MetricsWindow(scrape(0, Map.of("ingress", "")), scrape(SECOND, Map.of()));
		assertThat(StatusLine.describe(window))
			.isEqualTo("accepted/s - | queue - | db q/s - | cache hit - | p95 end-to-end -");
	}

	@Test
	void ratesAreSummedOverProcessesAndSeries() {
		MetricsWindow window = new MetricsWindow(
				scrape(0,
						Map.of("ingress", """
								sluice_submissions_total{outcome="accepted",query="a"} 10
								sluice_submissions_total{outcome="rejected",query="a"} 5
								""", "worker-1", "sluice_db_queries_total{query=\"a\"} 100\n", "worker-2",
								"sluice_db_queries_total{query=\"a\"} 50\n")),
				scrape(2 * SECOND, Map.of("ingress", """
						sluice_submissions_total{outcome="accepted",query="a"} 30
						sluice_submissions_total{outcome="accepted",query="b"} 4
						sluice_submissions_total{outcome="rejected",query="a"} 9
						sluice_queue_depth 17
						""", "worker-1", "sluice_db_queries_total{query=\"a\"} 120\n", "worker-2",
						"sluice_db_queries_total{query=\"a\"} 70\n")));
		assertThat(window.rate("sluice_submissions_total", (sample) -> sample.has("outcome", "accepted")))
			.isEqualTo(12.0);
		assertThat(window.rate("sluice_db_queries_total", (sample) -> true)).isEqualTo(20.0);
		assertThat(StatusLine.describe(window)).startsWith("accepted/s 12.0 | queue 17 | db q/s 20.0 |");
	}

	@Test
	void restartedProcessCountsFromZero() {
		MetricsWindow window = new MetricsWindow(scrape(0, Map.of("worker-1", "sluice_db_queries_total 500\n")),
				scrape(SECOND, Map.of("worker-1", "sluice_db_queries_total 3\n")));
		assertThat(window.rate("sluice_db_queries_total", (sample) -> true)).isEqualTo(3.0);
	}

	@Test
	void processMissingFromTheEarlierScrapeIsLeftOut() {
		MetricsWindow window = new MetricsWindow(scrape(0, Map.of()),
				scrape(SECOND, Map.of("worker-1", "sluice_db_queries_total 500\n")));
		assertThat(window.rate("sluice_db_queries_total", (sample) -> true)).isNull();
	}

	@Test
	void cacheHitRatioIsOverTheWindow() {
		MetricsWindow window = new MetricsWindow(scrape(0, Map.of("worker-1", """
				sluice_cache_lookups_total{outcome="hit"} 10
				sluice_cache_lookups_total{outcome="miss"} 10
				""")), scrape(SECOND, Map.of("worker-1", """
				sluice_cache_lookups_total{outcome="hit"} 13
				sluice_cache_lookups_total{outcome="miss"} 11
				sluice_cache_lookups_total{outcome="coalesced"} 1
				""")));
		assertThat(window.ratio("sluice_cache_lookups_total", (sample) -> sample.has("outcome", "hit"))).isEqualTo(0.6);
		assertThat(StatusLine.describe(window)).contains("cache hit 60%");
	}

	@Test
	void quantileInterpolatesWithinTheBucketAcrossWorkers() {
		String before = """
				sluice_query_end_to_end_seconds_bucket{le="0.1"} 0
				sluice_query_end_to_end_seconds_bucket{le="0.2"} 0
				sluice_query_end_to_end_seconds_bucket{le="+Inf"} 0
				""";
		MetricsWindow window = new MetricsWindow(scrape(0, Map.of("worker-1", before, "worker-2", before)),
				scrape(SECOND, Map.of("worker-1", """
						sluice_query_end_to_end_seconds_bucket{le="0.1"} 50
						sluice_query_end_to_end_seconds_bucket{le="0.2"} 90
						sluice_query_end_to_end_seconds_bucket{le="+Inf"} 100
						""", "worker-2", """
						sluice_query_end_to_end_seconds_bucket{le="0.1"} 50
						sluice_query_end_to_end_seconds_bucket{le="0.2"} 90
						sluice_query_end_to_end_seconds_bucket{le="+Inf"} 100
						""")));
		// 200 observations: rank 100 is the last of the first bucket, rank 180 the last
		// of
		// the second; the 0.5 quantile sits at 0.1 s, the 0.8 quantile 3/4 into (0.1,
		// 0.2].
		assertThat(window.quantile("sluice_query_end_to_end_seconds", 0.5)).isCloseTo(0.1, within(1e-9));
		assertThat(window.quantile("sluice_query_end_to_end_seconds", 0.8)).isCloseTo(0.175, within(1e-9));
		assertThat(window.quantile("sluice_query_end_to_end_seconds", 0.95)).isCloseTo(0.2, within(1e-9));
		assertThat(StatusLine.describe(window)).endsWith("p95 end-to-end 200 ms");
	}

	@Test
	void quantileOfNothingIsAbsent() {
		String buckets = "sluice_query_end_to_end_seconds_bucket{le=\"+Inf\"} 4\n";
		MetricsWindow window = new MetricsWindow(scrape(0, Map.of("worker-1", buckets)),
				scrape(SECOND, Map.of("worker-1", buckets)));
		assertThat(window.quantile("sluice_query_end_to_end_seconds", 0.95)).isNull();
	}

	private static Scrape scrape(long nanos, Map<String, String> bodies) {
		Map<String, List<PrometheusText.Sample>> samples = new LinkedHashMap<>();
		bodies.forEach((name, body) -> samples.put(name, PrometheusText.parse(body)));
		return new Scrape(nanos, samples);
	}

}
