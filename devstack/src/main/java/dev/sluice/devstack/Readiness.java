package dev.sluice.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether an app answers {@code 200} on {@code /actuator/health/readiness} (readiness
 * includes Kafka, and the database for workers). An app without health groups answers
 * {@code 404} there; then {@code /actuator/health} decides.
 */
final class Readiness {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

	boolean isReady(int port) {
		int status = get(port, "/actuator/health/readiness");
		return status == 200 || (status == 404 && get(port, "/actuator/health") == 200);
	}

	private int get(int port, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(2))
			.GET()
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (java.io.IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
