package dev.sluice.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether an app answers {@code 200} on {@code /actuator/health/readiness} (readiness
 * includes Kafka, and the database for workers). An app without health groups answers
 * {@code 404} there; then {@code /actuator/health} decides.
 */
final class Readiness {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

	/**
	 * Wait until every app is ready.
	 * @param apps the started apps
	 * @param signals returns early on a stop signal
	 * @param timeout how long the slowest app may take
	 * @throws StackFailure with its last lines if an app exits or is not ready in time
	 */
	void await(List<AppProcess> apps, StopSignals signals, Duration timeout) {
		List<AppProcess> waiting = new ArrayList<>(apps);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!waiting.isEmpty() && !signals.await(Duration.ofMillis(500))) {
			for (AppProcess app : apps) {
				if (!app.isAlive()) {
					throw new StackFailure(app.name() + " exited with code " + app.exitCode()
							+ " while starting. Its last lines:\n" + app.tail());
				}
			}
			waiting.removeIf((app) -> isReady(app.port()));
			if (System.nanoTime() > deadline) {
				throw new StackFailure(waiting.get(0).name() + " was not ready within " + timeout.toSeconds()
						+ " s (GET /actuator/health/readiness on port " + waiting.get(0).port() + "). Its last lines:\n"
						+ waiting.get(0).tail());
			}
		}
	}

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
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
