package dev.sluice.bench.cpu;

import java.util.Map;

import dev.sluice.bench.cpu.TreeReading.ProcessId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TreeReadingTests {

	private static final ProcessId POSTMASTER = new ProcessId(100, 1);

	private static final ProcessId BACKEND = new ProcessId(200, 50);

	private static final ProcessId NEW_BACKEND = new ProcessId(300, 900);

	@Test
	void aChildAliveAtBothReadingsCountsItsDifference() {
		TreeReading start = new TreeReading(POSTMASTER, Map.of(POSTMASTER, 10L, BACKEND, 500L), 40);
		TreeReading end = new TreeReading(POSTMASTER, Map.of(POSTMASTER, 12L, BACKEND, 800L), 40);
		assertThat(TreeReading.ticksBetween(start, end)).hasValue(2 + 300);
	}

	@Test
	void aChildBornInBetweenCountsWhole() {
		TreeReading start = new TreeReading(POSTMASTER, Map.of(POSTMASTER, 10L), 40);
		TreeReading end = new TreeReading(POSTMASTER, Map.of(POSTMASTER, 10L, NEW_BACKEND, 70L), 40);
		assertThat(TreeReading.ticksBetween(start, end)).hasValue(70);
	}

	@Test
	void aChildThatExitedInBetweenCountsWhatItSpentAfterTheFirstReading() {
		// It had spent 500 ticks at the start and 650 when it exited; the postmaster
		// reaped
		// it, so its reaped total grew by all 650.
		TreeReading start = new TreeReading(POSTMASTER, Map.of(POSTMASTER, 10L, BACKEND, 500L), 40);
		TreeReading end = new TreeReading(POSTMASTER, Map.of(POSTMASTER, 10L), 40 + 650);
		assertThat(TreeReading.ticksBetween(start, end)).hasValue(150);
	}

	@Test
	void aChildBornAndReapedInBetweenCountsThroughTheReapedTotal() {
		TreeReading start = new TreeReading(POSTMASTER, Map.of(POSTMASTER, 10L, BACKEND, 500L), 40);
		TreeReading end = new TreeReading(POSTMASTER, Map.of(POSTMASTER, 11L, BACKEND, 520L), 40 + 33);
		assertThat(TreeReading.ticksBetween(start, end)).hasValue(1 + 20 + 33);
	}

	@Test
	void aReusedPidIsAnotherProcess() {
		ProcessId sameBackendPidLater = new ProcessId(BACKEND.pid(), 950);
		TreeReading start = new TreeReading(POSTMASTER, Map.of(POSTMASTER, 10L, BACKEND, 500L), 40);
		TreeReading end = new TreeReading(POSTMASTER, Map.of(POSTMASTER, 10L, sameBackendPidLater, 5L), 40 + 510);
		// The old one: 10 ticks after the start (reaped at 510); the new one: 5.
		assertThat(TreeReading.ticksBetween(start, end)).hasValue(10 + 5);
	}

	@Test
	void aRestartedRootCannotBeMeasured() {
		TreeReading start = new TreeReading(POSTMASTER, Map.of(POSTMASTER, 10L), 0);
		ProcessId restarted = new ProcessId(POSTMASTER.pid(), 777);
		TreeReading end = new TreeReading(restarted, Map.of(restarted, 1L), 0);
		assertThat(TreeReading.ticksBetween(start, end)).isEmpty();
	}

	@Test
	void aSingleProcessCountsItsOwnDifference() {
		ProcessId worker = new ProcessId(400, 3);
		TreeReading start = new TreeReading(worker, Map.of(worker, 1_000L), 0);
		TreeReading end = new TreeReading(worker, Map.of(worker, 7_000L), 0);
		assertThat(TreeReading.ticksBetween(start, end)).hasValue(6_000);
	}

}
