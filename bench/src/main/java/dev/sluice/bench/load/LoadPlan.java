package dev.sluice.bench.load;

import java.time.Duration;

import dev.sluice.bench.workload.Workload;

/**
 * Everything one Gatling run needs to know about its target and load.
 *
 * @param baseUrl the target
 * @param mode how users ask for the rows
 * @param scenario the load shape
 * @param workload the query mix
 * @param recorder where outcomes go
 * @param requestTimeout the longest one HTTP request without {@code Prefer: wait} may
 * take
 * @param pollWait the {@code Prefer: wait} of each long-poll
 * @param submitWait the {@code Prefer: wait} of the POST in {@link ClientMode#WAIT}
 * @param resultBudget the longest a Sluice query may take to reach a terminal state
 * before it counts as lost
 */
record LoadPlan(String baseUrl, ClientMode mode, Scenario scenario, Workload workload, Recorder recorder,
		Duration requestTimeout, Duration pollWait, Duration submitWait, Duration resultBudget) {

	/** The most time the run may take: the stages, then users finishing their queries. */
	Duration maxDuration() {
		return this.scenario.duration().plus(this.mode.asynchronous() ? this.resultBudget : this.requestTimeout);
	}

}
