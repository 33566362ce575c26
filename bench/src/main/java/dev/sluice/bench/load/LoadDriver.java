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
 * Recorder seen = new Recorder();
 * new LoadDriver(workload, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120))
 *     .run("http://127.0.0.1:8080", ClientMode.WAIT, Scenario.named("storm", 0, null, null), seen, rawDir);
 * }</pre>
 */
public final class LoadDriver {

	/**
	 * Gatling's timeout of a request without {@code Prefer: wait}, as set in the bench's
	 * gatling.conf; a request with one gets its wait plus 15 s.
	 */
	public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** The ingress's cap on {@code Prefer: wait} (sluice.ingress.max-wait). */
	static final Duration MAX_WAIT = Duration.ofSeconds(30);

	private final Workload workload;

	private final Duration pollWait;

	private final Duration submitWait;

	private final Duration resultBudget;

	/**
	 * @param workload the query mix
	 * @param pollWait the {@code Prefer: wait} of each long-poll, 1 to 30 s
	 * @param submitWait the {@code Prefer: wait} of a POST in {@link ClientMode#WAIT}, 1
	 * to 30 s
	 * @param resultBudget how long a Sluice query may take to reach a terminal state
	 * before it counts as lost
	 */
	public LoadDriver(Workload workload, Duration pollWait, Duration submitWait, Duration resultBudget) {
		this.workload = workload;
		this.pollWait = checkWait("pollWait", pollWait);
		this.submitWait = checkWait("submitWait", submitWait);
		this.resultBudget = resultBudget;
	}

	private static Duration checkWait(String name, Duration wait) {
		if (wait.toSeconds() < 1 || wait.compareTo(MAX_WAIT) > 0) {
			throw new IllegalArgumentException(
					name + " must be between 1 s and " + MAX_WAIT.toSeconds() + " s, was " + wait);
		}
		return wait;
	}

	/**
	 * Run the load; returns when every user has finished or the scenario plus the result
	 * budget has passed.
	 * @param baseUrl the target
	 * @param mode how users ask for the rows
	 * @param scenario the load shape
	 * @param recorder where outcomes go, timed from its own start
	 * @param resultsFolder where Gatling writes its simulation log
	 */
	public void run(String baseUrl, ClientMode mode, Scenario scenario, Recorder recorder, Path resultsFolder) {
		BenchSimulation.plan = new LoadPlan(baseUrl, mode, scenario, this.workload, recorder, REQUEST_TIMEOUT,
				this.pollWait, this.submitWait, this.resultBudget);
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
