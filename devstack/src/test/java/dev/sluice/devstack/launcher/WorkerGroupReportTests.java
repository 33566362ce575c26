package dev.sluice.devstack.launcher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerGroupReportTests {

	private static final String READY = """
			{"status":"UP","components":{"kafka":{"status":"UP","details":{"clusterId":"x","brokers":1}},\
			"materializer":{"status":"UP"},"readinessState":{"status":"UP"},"workers":{"status":"UP","details":\
			{"group":"sluice-workers","state":"Stable","members":2,"consumingWorkers":2,"assignedPartitions":"12/12"}}}}""";

	@Test
	void readsTheWorkersComponent() {
		assertThat(WorkerGroupReport.parse(READY)).hasValue(new WorkerGroupReport("Stable", 2, 12, 12));
	}

	@Test
	void settledOnceEveryStartedWorkerHoldsPartitionsOfAFullyAssignedStableGroup() {
		assertThat(new WorkerGroupReport("Stable", 2, 12, 12).settledWith(2)).isTrue();
		assertThat(new WorkerGroupReport("Stable", 1, 12, 12).settledWith(2)).as("one worker still joining").isFalse();
		assertThat(new WorkerGroupReport("PreparingRebalance", 2, 12, 12).settledWith(2)).isFalse();
		assertThat(new WorkerGroupReport("Reconciling", 2, 12, 12).settledWith(2)).isFalse();
		assertThat(new WorkerGroupReport("Stable", 2, 11, 12).settledWith(2)).isFalse();
		assertThat(new WorkerGroupReport("Empty", 0, 0, 12).settledWith(1)).isFalse();
	}

	@Test
	void nothingToReadBeforeTheIngressLookedAtTheGroup() {
		assertThat(WorkerGroupReport.parse("""
				{"status":"OUT_OF_SERVICE","components":{"workers":{"status":"OUT_OF_SERVICE","details":\
				{"group":"sluice-workers","state":"not looked at yet","reason":"waiting"}}}}""")).isEmpty();
		assertThat(WorkerGroupReport.parse("{\"status\":\"UP\"}")).isEmpty();
	}

}
