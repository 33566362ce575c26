package dev.sluice.bench.load;

import java.nio.file.Path;
import java.time.Duration;

import dev.sluice.bench.workload.Workload;
import io.gatling.app.Gatling$;

/**
 * Runs one closed-model load against one target with Gatling, in this JVM, and returns
 * what the users saw.
 *
 * <pre>{@code
 * Recorder seen = new LoadDriver(workload, Duration.ofSeconds(10), Duration.ofSeconds(120))
 *     .run("http://127.0.0.1:8080", true, Scenario.named("storm", 0, null, null), startNanos, rawDir);
 * }</pre>
 */
public final class LoadDriver {

	/** Gatling's request timeout, as set in the bench's gatling.conf. */
	public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	private final Workload workload;

	private final Duration pollWait;

	private final Duration resultBudget;

	/**
	 * @param workload the query mix
	 * @param pollWait the {@code Prefer: wait} of each long-poll, at most 30 s
	 * @param resultBudget how long a Sluice query may take to reach a terminal state
	 * before it counts as lost
	 */
	public LoadDriver(Workload workload, Duration pollWait, Duration resultBudget) {
		if (pollWait.toSeconds() < 1 || pollWait.compareTo(REQUEST_TIMEOUT.minusSeconds(5)) > 0) {
			throw new IllegalArgumentException("pollWait must be between 1 s and "
					+ REQUEST_TIMEOUT.minusSeconds(5).toSeconds() + " s, was " + pollWait);
		}
		this.workload = workload;
		this.pollWait = pollWait;
		this.resultBudget = resultBudget;
	}

	/**
	 * Run the load; returns when every user has finished or the scenario plus the result
	 * budget has passed.
	 * @param baseUrl the target
	 * @param asynchronous whether it answers 202 and must be polled
	 * @param scenario the load shape
	 * @param recorder where outcomes go, timed from its own start
	 * @param resultsFolder where Gatling writes its simulation log
	 */
	public void run(String baseUrl, boolean asynchronous, Scenario scenario, Recorder recorder, Path resultsFolder) {
		BenchSimulation.plan = new LoadPlan(baseUrl, asynchronous, scenario, this.workload, recorder, REQUEST_TIMEOUT,
				this.pollWait, this.resultBudget);
		// Gatling$ is the Scala object: its fromArgs has no static forwarder on Gatling.
		int status = Gatling$.MODULE$.fromArgs(new String[] { "--simulation", BenchSimulation.class.getName(),
				"--results-folder", resultsFolder.toString(), "--no-reports", "--run-description", baseUrl });
		// Assertions are not used, so any other status means Gatling itself failed.
		if (status != 0) {
			throw new IllegalStateException("Gatling ended with status " + status + " against " + baseUrl
					+ "; see its output above and " + resultsFolder);
		}
	}

}
