package dev.sluice.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.sluice.bench.workload.WorkItem;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ClosedInjectionStep;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The Gatling simulation of every run, closed model: each user submits one query from the
 * workload and waits for its result; Gatling keeps the number of users on the scenario's
 * stages. Against a gateway the response carries the rows. Against Sluice the user posts
 * (202 = durably queued), then long-polls {@code GET /v1/queries/{id}} with
 * {@code Prefer: wait} until the query is terminal, sleeping for {@code Retry-After} when
 * asked.
 * <p>
 * Gatling instantiates this class itself, so the plan comes from {@link #plan}, which
 * {@link LoadDriver} sets before each run.
 */
public class BenchSimulation extends Simulation {

	static volatile LoadPlan plan;

	private final LoadPlan current = plan;

	private final Recorder recorder = this.current.recorder();

	{
		HttpProtocolBuilder protocol = http.baseUrl(this.current.baseUrl())
			.contentTypeHeader("application/json")
			.acceptHeader("application/json")
			.disableWarmUp()
			// Keep-alive connections shared across users, as k6 VUs keep theirs across
			// iterations: without it each new closed-model user would open a connection.
			.shareConnections();
		ChainBuilder query = this.current.asynchronous() ? submitAndPoll() : requestResponse();
		setUp(scenario(this.current.scenario().name()).exec(query).injectClosed(injection())).protocols(protocol)
			.maxDuration(this.current.maxDuration());
	}

	@Override
	public void before() {
		// Gatling takes seconds to boot: the load, and its clock, start only now.
		this.recorder.start(System.nanoTime());
	}

	private ClosedInjectionStep[] injection() {
		List<ClosedInjectionStep> steps = new ArrayList<>();
		int users = 0;
		for (Scenario.Stage stage : this.current.scenario().stages()) {
			steps.add((stage.users() == users) ? constantConcurrentUsers(users).during(stage.duration())
					: rampConcurrentUsers(users).to(stage.users()).during(stage.duration()));
			users = stage.users();
		}
		return steps.toArray(ClosedInjectionStep[]::new);
	}

	private ChainBuilder begin() {
		return exec((session) -> {
			WorkItem item = this.current.workload().next(ThreadLocalRandom.current());
			long now = System.nanoTime();
			this.recorder.started(now);
			return session.set("body", item.toJson()).set("t0", now).set("sent", now).remove("status");
		});
	}

	private ChainBuilder requestResponse() {
		return begin()
			.exec(http("query").post("/v1/queries")
				.body(StringBody((session) -> session.getString("body")))
				.check(status().saveAs("status")))
			.exec((session) -> {
				long now = System.nanoTime();
				if (failedRequest(session, now, true)) {
					return session.markAsSucceeded();
				}
				this.recorder.submitted(session.getLong("t0"), now);
				this.recorder.completed(session.getLong("t0"), now);
				return session;
			});
	}

	private ChainBuilder submitAndPoll() {
		return begin()
			.exec(http("submit").post("/v1/queries")
				.body(StringBody((session) -> session.getString("body")))
				.check(status().saveAs("status"), header("Location").optional().saveAs("location"),
						jsonPath("$.state").optional().saveAs("state")))
			.exec((session) -> {
				long now = System.nanoTime();
				if (failedRequest(session, now, true)) {
					return session.set("done", true).markAsSucceeded();
				}
				this.recorder.submitted(session.getLong("t0"), now);
				return afterStatus(session, now);
			})
			.asLongAs((session) -> !session.getBoolean("done"))
			.on(exec((session) -> session.remove("status").remove("retryAfter").set("sent", System.nanoTime()))
				.exec(http("poll").get((session) -> session.getString("location"))
					.header("Prefer", "wait=" + this.current.pollWait().toSeconds())
					.check(status().saveAs("status"), jsonPath("$.state").optional().saveAs("state"),
							header("Retry-After").optional().saveAs("retryAfter")))
				.exec((session) -> {
					long now = System.nanoTime();
					if (failedRequest(session, now, false)) {
						return session.set("done", true).markAsSucceeded();
					}
					return afterStatus(session, now);
				})
				.pause((session) -> Duration.ofMillis(session.getLong("pauseMs"))));
	}

	/**
	 * After a 200 or 202 with a status document: finished, out of time, or poll again.
	 */
	private Session afterStatus(Session session, long now) {
		String state = session.getString("state");
		long t0 = session.getLong("t0");
		if ("SUCCEEDED".equals(state)) {
			this.recorder.completed(t0, now);
			return session.set("done", true);
		}
		if ("FAILED".equals(state) || "EXPIRED".equals(state) || "CANCELED".equals(state)) {
			this.recorder.failed(ErrorKind.NOT_SUCCEEDED, now, false);
			return session.set("done", true);
		}
		if (now - t0 > this.current.resultBudget().toNanos() || !session.contains("location")) {
			this.recorder.failed(ErrorKind.LOST, now, false);
			return session.set("done", true);
		}
		return session.set("done", false).set("pauseMs", retryAfterMillis(session));
	}

	private static long retryAfterMillis(Session session) {
		if (!session.contains("retryAfter")) {
			return 0;
		}
		try {
			return (long) (Double.parseDouble(session.getString("retryAfter")) * 1000);
		}
		catch (NumberFormatException ex) {
			// An HTTP-date instead of seconds: poll again after a second.
			return 1000;
		}
	}

	/**
	 * Record a request that got no usable answer.
	 * @return {@code true} if it failed
	 */
	private boolean failedRequest(Session session, long now, boolean atSubmit) {
		if (!session.contains("status")) {
			// Gatling exposes no cause to the session: a request that ran into the
			// timeout timed out, anything quicker was refused or reset.
			long elapsed = now - session.getLong("sent");
			boolean timedOut = elapsed >= this.current.requestTimeout().toNanos() - 50_000_000L;
			this.recorder.failed(timedOut ? ErrorKind.TIMEOUT : ErrorKind.CONNECTION, now, atSubmit);
			return true;
		}
		int status = session.getInt("status");
		if (status == 404 && !atSubmit) {
			this.recorder.failed(ErrorKind.LOST, now, false);
			return true;
		}
		if (status >= 500) {
			this.recorder.failed(ErrorKind.HTTP_5XX, now, atSubmit);
			return true;
		}
		if (status >= 400) {
			this.recorder.failed(ErrorKind.HTTP_4XX, now, atSubmit);
			return true;
		}
		return false;
	}

}
