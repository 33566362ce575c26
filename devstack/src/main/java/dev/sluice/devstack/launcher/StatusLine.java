package dev.sluice.devstack.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.sluice.devstack.launcher.MetricsWindow.Scrape;
import dev.sluice.devstack.metrics.PrometheusText.Sample;
import dev.sluice.devstack.metrics.PrometheusText;
import org.jspecify.annotations.Nullable;

/**
 * The live status line of {@code ./sluice up}: every second it scrapes
 * {@code /actuator/prometheus} of the ingress and every worker and sums up the last five
 * seconds.
 *
 * <pre>
 * accepted/s 118.4 | queue 35 | db q/s 80.2 | cache hit 42% | p95 end-to-end 120 ms
 * </pre>
 *
 * A metric that no process exposes (yet), or a ratio over nothing, shows as "-".
 */
final class StatusLine {

	private static final int WINDOW = 5;

	private final Map<String, URI> targets = new LinkedHashMap<>();

	private final Deque<Scrape> scrapes = new ArrayDeque<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

	/**
	 * @param ports per process name, the HTTP port serving its actuator on 127.0.0.1
	 */
	StatusLine(Map<String, Integer> ports) {
		ports.forEach((name, port) -> this.targets.put(name,
				URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")));
	}

	/**
	 * Scrape every process once and describe the window up to now.
	 * @return the status line
	 */
	String next() {
		this.scrapes.addLast(scrape());
		while (this.scrapes.size() > WINDOW + 1) {
			this.scrapes.removeFirst();
		}
		return describe(new MetricsWindow(this.scrapes.getFirst(), this.scrapes.getLast()));
	}

	static String describe(MetricsWindow window) {
		Double accepted = window.rate("sluice_submissions_total", (sample) -> sample.has("outcome", "accepted"));
		Double depth = window.gauge("sluice_queue_depth");
		Double dbRate = window.rate("sluice_db_queries_total", (sample) -> true);
		Double hits = window.ratio("sluice_cache_lookups_total", (sample) -> sample.has("outcome", "hit"));
		Double p95 = window.quantile("sluice_query_end_to_end_seconds", 0.95);
		return "accepted/s " + number(accepted, "%.1f") + " | queue " + number(depth, "%.0f") + " | db q/s "
				+ number(dbRate, "%.1f") + " | cache hit " + number((hits != null) ? hits * 100 : null, "%.0f%%")
				+ " | p95 end-to-end " + number((p95 != null) ? p95 * 1000 : null, "%.0f ms");
	}

	private Scrape scrape() {
		long now = System.nanoTime();
		Map<String, CompletableFuture<@Nullable String>> answers = new LinkedHashMap<>();
		this.targets.forEach((name, uri) -> answers.put(name,
				this.http
					.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(900)).GET().build(),
							HttpResponse.BodyHandlers.ofString())
					.thenApply((response) -> (response.statusCode() == 200) ? response.body() : null)
					.exceptionally((ex) -> null)));
		Map<String, List<Sample>> samples = new LinkedHashMap<>();
		answers.forEach((name, answer) -> {
			String body = answer.join();
			if (body != null) {
				samples.put(name, PrometheusText.parse(body));
			}
		});
		return new Scrape(now, samples);
	}

	private static String number(@Nullable Double value, String format) {
		return (value == null || value.isNaN()) ? "-" : String.format(Locale.ROOT, format, value);
	}

}
