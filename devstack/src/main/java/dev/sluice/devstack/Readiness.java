package dev.sluice.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Whether an app answers {@code 200} on {@code /actuator/health/readiness} (readiness
 * includes Kafka; for workers the database; for the ingress a worker group that holds
 * every partition of {@code sluice.queries}, so a query accepted then runs at once). An
 * app without health groups answers {@code 404} there; then {@code /actuator/health}
 * decides.
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
			requireAlive(apps);
			waiting.removeIf((app) -> isReady(app.port()));
			if (System.nanoTime() > deadline) {
				AppProcess late = waiting.get(0);
				throw new StackFailure(late.name() + " was not ready within " + timeout.toSeconds()
						+ " s (GET /actuator/health/readiness on port " + late.port() + " answers " + said(late.port())
						+ "). Its last lines:\n" + late.tail());
			}
		}
	}

	/**
	 * Wait until the ingress reports the worker group stable, every partition of
	 * {@code sluice.queries} held, and every started worker holding some. The ingress's
	 * own readiness latches on the first such group, which may be one worker alone while
	 * the others still join; the rebalance that follows would hold the first query up.
	 * @param ingress the ingress, ready already
	 * @param apps every started app, to notice one exiting
	 * @param workers how many workers were started
	 * @param signals returns early on a stop signal
	 * @param timeout how long the group may take to settle
	 * @throws StackFailure with what the ingress says if it does not settle in time
	 */
	void awaitWorkers(AppProcess ingress, List<AppProcess> apps, int workers, StopSignals signals, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!signals.await(Duration.ofMillis(250))) {
			requireAlive(apps);
			HttpResponse<String> said = send(ingress.port(), "/actuator/health/readiness",
					HttpResponse.BodyHandlers.ofString());
			if (said != null
					&& WorkerGroupReport.parse(said.body()).filter((group) -> group.settledWith(workers)).isPresent()) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new StackFailure(
						"the " + workers + " worker(s) did not all hold partitions of sluice.queries within "
								+ timeout.toSeconds() + " s; the ingress's readiness answers " + said(ingress.port()));
			}
		}
	}

	private static void requireAlive(List<AppProcess> apps) {
		for (AppProcess app : apps) {
			if (!app.isAlive()) {
				throw new StackFailure(app.name() + " exited with code " + app.exitCode()
						+ " while starting. Its last lines:\n" + app.tail());
			}
		}
	}

	boolean isReady(int port) {
		int status = get(port, "/actuator/health/readiness");
		return status == 200 || (status == 404 && get(port, "/actuator/health") == 200);
	}

	private int get(int port, String path) {
		HttpResponse<Void> response = send(port, path, HttpResponse.BodyHandlers.discarding());
		return (response != null) ? response.statusCode() : -1;
	}

	/** What the readiness endpoint says, e.g. which component is not up and why. */
	private String said(int port) {
		HttpResponse<String> response = send(port, "/actuator/health/readiness", HttpResponse.BodyHandlers.ofString());
		return (response != null) ? response.statusCode() + " " + response.body() : "nothing";
	}

	private <T> @Nullable HttpResponse<T> send(int port, String path, HttpResponse.BodyHandler<T> body) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(2))
			.GET()
			.build();
		try {
			return this.http.send(request, body);
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

}
