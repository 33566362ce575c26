package dev.sluice.bench.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.sluice.devstack.metrics.PrometheusText;

/**
 * Reads one metric from Prometheus text endpoints and sums its samples over every series
 * and endpoint: Sluice's queue depth from the ingress, DB executions from the workers or
 * the gateway.
 */
final class PrometheusProbe {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

	private final List<HttpRequest> requests;

	private final String metric;

	PrometheusProbe(List<String> urls, String metric) {
		this.requests = urls.stream()
			.map((url) -> HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(800)).build())
			.toList();
		this.metric = metric;
	}

	/**
	 * @return the metric summed over its series and endpoints, or -1 if one could not be
	 * read
	 */
	long read() {
		long total = 0;
		try {
			for (HttpRequest request : this.requests) {
				HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
				long value = (response.statusCode() == 200) ? sum(response.body(), this.metric) : -1;
				if (value < 0) {
					return -1;
				}
				total += value;
			}
			return total;
		}
		catch (IOException ex) {
			// A busy app may miss one scrape: the sample shows a gap, the run goes on.
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * @param prometheusText an endpoint's answer
	 * @param metric the metric name
	 * @return the sum of its samples but those that are {@code NaN}, or -1 if there is
	 * none
	 */
	static long sum(String prometheusText, String metric) {
		double total = 0;
		boolean found = false;
		for (PrometheusText.Sample sample : PrometheusText.parse(prometheusText)) {
			if (sample.name().equals(metric) && !Double.isNaN(sample.value())) {
				total += sample.value();
				found = true;
			}
		}
		return found ? Math.round(total) : -1;
	}

}
