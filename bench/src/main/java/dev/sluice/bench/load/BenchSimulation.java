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
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import org.jspecify.annotations.Nullable;

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
 * stages. Against a gateway the response carries the rows. Against Sluice the user either
 * posts with {@code Prefer: wait} ({@link ClientMode#WAIT}) or posts for a 202
 * ({@link ClientMode#POLL}), and long-polls {@code GET /v1/queries/{id}} with
 * {@code Prefer: wait} until the query is terminal. A long-poll that came back
 * non-terminal is re-issued at once: it already waited. Only a poll the ingress did not
 * hold (no {@code Preference-Applied}) honours {@code Retry-After}.
 * <p>
 * Gatling instantiates this class itself, so the plan comes from {@link #plan}, which
 * {@link LoadDriver} sets before each run.
 */
public class BenchSimulation extends Simulation {

	/**
	 * How much longer than its {@code Prefer: wait} a long request may take: the
	 * ingress's read barrier (3 s) and a loaded host's scheduling.
	 */
	static final Duration LONG_REQUEST_SLACK = Duration.ofSeconds(15);

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
		ChainBuilder query = switch (this.current.mode()) {
			case REQUEST -> requestResponse();
			case WAIT -> submitAndPoll(this.current.submitWait());
			case POLL -> submitAndPoll(null);
		};
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
			return session.set("body", item.toJson())
				.set("t0", now)
				.set("sent", now)
				.remove("status")
				.remove("submitRetryAfter");
		});
	}

	private ChainBuilder requestResponse() {
		Duration timeout = this.current.requestTimeout();
		return begin()
			.exec(http("query").post("/v1/queries")
				.body(StringBody((session) -> session.getString("body")))
				.check(status().saveAs("status")))
			.exec((session) -> {
				long now = System.nanoTime();
				if (failedRequest(session, now, true, timeout)) {
					return session.markAsSucceeded();
				}
				this.recorder.submitted(session.getLong("t0"), now);
				this.recorder.completed(session.getLong("t0"), now);
				return session;
			});
	}

	/**
	 * @param submitWait the {@code Prefer: wait} of the POST, or {@code null} for a plain
	 * POST answered 202
	 */
	private ChainBuilder submitAndPoll(@Nullable Duration submitWait) {
		HttpRequestActionBuilder submit = http("submit").post("/v1/queries")
			.body(StringBody((session) -> session.getString("body")))
			.check(status().saveAs("status"), header("Location").optional().saveAs("location"),
					jsonPath("$.state").optional().saveAs("state"),
					header("Retry-After").optional().saveAs("submitRetryAfter"));
		Duration submitTimeout = this.current.requestTimeout();
		if (submitWait != null) {
			submitTimeout = submitWait.plus(LONG_REQUEST_SLACK);
			submit = submit.header("Prefer", "wait=" + submitWait.toSeconds()).requestTimeout(submitTimeout);
		}
		Duration pollTimeout = this.current.pollWait().plus(LONG_REQUEST_SLACK);
		Duration finalSubmitTimeout = submitTimeout;
		return begin().exec(submit).exec((session) -> {
			long now = System.nanoTime();
			if (failedRequest(session, now, true, finalSubmitTimeout)) {
				return session.set("done", true).markAsSucceeded();
			}
			this.recorder.submitted(session.getLong("t0"), now);
			// Whether the POST waited or not, the first long-poll follows at once.
			return afterStatus(session, now, 0);
		})
			.asLongAs((session) -> !session.getBoolean("done"))
			.on(exec((session) -> session.remove("status")
				.remove("retryAfter")
				.remove("applied")
				.set("sent", System.nanoTime()))
				.exec(http("poll").get((session) -> session.getString("location"))
					.header("Prefer", "wait=" + this.current.pollWait().toSeconds())
					.requestTimeout(pollTimeout)
					.check(status().saveAs("status"), jsonPath("$.state").optional().saveAs("state"),
							header("Retry-After").optional().saveAs("retryAfter"),
							header("Preference-Applied").optional().saveAs("applied")))
				.exec((session) -> {
					long now = System.nanoTime();
					if (failedRequest(session, now, false, pollTimeout)) {
						return session.set("done", true).markAsSucceeded();
					}
					return afterStatus(session, now, pollAgainMillis(session));
				})
				.pause((session) -> Duration.ofMillis(session.getLong("pauseMs"))));
	}

	/**
	 * After a 200 or 202 with a status document: finished, out of time, or poll again
	 * after the given pause.
	 */
	private Session afterStatus(Session session, long now, long pauseMillis) {
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
		return session.set("done", false).set("pauseMs", pauseMillis);
	}

	/**
	 * A long-poll the ingress held ({@code Preference-Applied}) already waited: poll
	 * again at once, whatever {@code Retry-After} says. One it answered at once was a
	 * plain poll: honour {@code Retry-After}.
	 */
	static long pollAgainMillis(boolean held, @Nullable String retryAfter) {
		if (held || retryAfter == null) {
			return 0;
		}
		try {
			return (long) (Double.parseDouble(retryAfter) * 1000);
		}
		catch (NumberFormatException ex) {
			// An HTTP-date instead of seconds: poll again after a second.
			return 1000;
		}
	}

	private static long pollAgainMillis(Session session) {
		return pollAgainMillis(session.contains("applied"),
				session.contains("retryAfter") ? session.getString("retryAfter") : null);
	}

	/**
	 * Record a request that got no usable answer.
	 * @return {@code true} if it failed
	 */
	private boolean failedRequest(Session session, long now, boolean atSubmit, Duration timeout) {
		if (!session.contains("status")) {
			// Gatling exposes no cause to the session: a request that ran into the
			// timeout timed out, anything quicker was refused or reset.
			long elapsed = now - session.getLong("sent");
			boolean timedOut = elapsed >= timeout.toNanos() - 50_000_000L;
			this.recorder.failed(timedOut ? ErrorKind.TIMEOUT : ErrorKind.CONNECTION, now, atSubmit);
			return true;
		}
		int status = session.getInt("status");
		if (status == 404 && !atSubmit) {
			this.recorder.failed(ErrorKind.LOST, now, false);
			return true;
		}
		if (status == 503 && atSubmit && session.contains("submitRetryAfter")) {
			this.recorder.failed(ErrorKind.REFUSED, now, true);
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
