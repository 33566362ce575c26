package dev.sluice.devstack.launcher;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sluice.devstack.process.Probe;

/**
 * What the ingress's {@code /actuator/health/readiness} answer says about the worker
 * group (its {@code workers} component): enough for the launcher to wait until every
 * worker it started holds partitions of {@code sluice.queries} in a settled group. Read
 * with patterns over that component only: the launcher has no JSON library and needs four
 * values.
 *
 * @param state the group's state, e.g. {@code Stable}
 * @param consumingWorkers worker processes that hold partitions
 * @param assigned partitions of {@code sluice.queries} some worker holds
 * @param partitions partitions of {@code sluice.queries}
 */
record WorkerGroupReport(String state, int consumingWorkers, int assigned, int partitions) {

	private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([^\"]*)\"");

	private static final Pattern WORKERS = Pattern.compile("\"consumingWorkers\"\\s*:\\s*(\\d+)");

	private static final Pattern ASSIGNED = Pattern.compile("\"assignedPartitions\"\\s*:\\s*\"(\\d+)/(\\d+)\"");

	/**
	 * Read the worker group's details from a readiness answer.
	 * @param readiness the JSON body of {@code /actuator/health/readiness}
	 * @return the report, empty if the answer has no such details (yet)
	 */
	static Optional<WorkerGroupReport> parse(String readiness) {
		int component = readiness.indexOf("\"workers\"");
		if (component < 0) {
			return Optional.empty();
		}
		String workers = readiness.substring(component);
		Matcher state = STATE.matcher(workers);
		Matcher consuming = WORKERS.matcher(workers);
		Matcher assigned = ASSIGNED.matcher(workers);
		if (!state.find() || !consuming.find() || !assigned.find()) {
			return Optional.empty();
		}
		return Optional.of(new WorkerGroupReport(state.group(1), Integer.parseInt(consuming.group(1)),
				Integer.parseInt(assigned.group(1)), Integer.parseInt(assigned.group(2))));
	}

	/**
	 * The launcher's last wait: until the ingress reports the group stable, every
	 * partition of {@code sluice.queries} held, and every started worker holding some.
	 * The ingress's own readiness latches on the first such group, which may be one
	 * worker alone while the others still join; the rebalance that follows would hold the
	 * first query up.
	 * @param ingressPort the ingress's port on 127.0.0.1
	 * @param workers how many worker processes were started
	 * @return the probe of the ingress's readiness answer
	 */
	static Probe settledProbe(int ingressPort, int workers) {
		return Probe.http(URI.create("http://127.0.0.1:" + ingressPort + "/actuator/health/readiness"),
				"every one of " + workers + " worker(s) holding partitions of sluice.queries",
				(body) -> parse(body).filter((group) -> group.settledWith(workers)).isPresent());
	}

	/**
	 * Whether a query sent now runs at once, with every started worker taking part.
	 * @param workers how many worker processes were started
	 * @return {@code true} if the group is stable, holds every partition, and at least
	 * {@code workers} workers hold some
	 */
	boolean settledWith(int workers) {
		return "Stable".equals(this.state) && this.partitions > 0 && this.assigned == this.partitions
				&& this.consumingWorkers >= workers;
	}

}
