package dev.sluice.bench.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads {@code sluice_queue_depth} from an ingress's Prometheus endpoint. */
final class QueueDepthProbe {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

	private final HttpRequest request;

	QueueDepthProbe(String prometheusUrl) {
		this.request = HttpRequest.newBuilder(URI.create(prometheusUrl)).timeout(Duration.ofMillis(800)).build();
	}

	/**
	 * @return the queue depth summed over its series, or -1 if it could not be read
	 */
	long depth() {
		try {
			HttpResponse<String> response = HTTP.send(this.request, HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? parse(response.body()) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	static long parse(String prometheusText) {
		double total = 0;
		boolean found = false;
		for (String line : prometheusText.split("\n")) {
			if (line.startsWith("sluice_queue_depth ") || line.startsWith("sluice_queue_depth{")) {
				String value = line.substring(line.lastIndexOf(' ') + 1);
				if (!value.equals("NaN")) {
					total += Double.parseDouble(value);
					found = true;
				}
			}
		}
		return found ? Math.round(total) : -1;
	}

}
