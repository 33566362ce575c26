package dev.sluice.bench.cpu;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuUsageTests {

	/** Ten seconds of a Sluice target. */
	private static final CpuUsage SLUICE = new CpuUsage(List.of(new ProcessCpu("ingress", Role.INGRESS, 5_500),
			new ProcessCpu("worker-1", Role.WORKER, 2_100), new ProcessCpu("worker-2", Role.WORKER, 2_200),
			new ProcessCpu("kafka broker", Role.BROKER, 3_300), new ProcessCpu("postgresql", Role.DATABASE, 16_000),
			new ProcessCpu("load driver (bench JVM)", Role.LOAD_DRIVER, 4_000)), 10_000_000_000L);

	@Test
	void thePipelineIsIngressWorkersAndBroker() {
		assertThat(SLUICE.millis(Role.PIPELINE)).isEqualTo(5_500 + 2_100 + 2_200 + 3_300);
		assertThat(SLUICE.millis(Role.DATABASE)).isEqualTo(16_000);
	}

	@Test
	void perQueryDividesByTheQueriesCompletedInTheWindow() {
		assertThat(CpuUsage.perQuery(SLUICE.millis(Role.PIPELINE), 1_000)).isCloseTo(13.1, within(1e-9));
		assertThat(CpuUsage.perQuery(SLUICE.millis(Role.PIPELINE), 0)).isNaN();
	}

	@Test
	void coresAreCpuTimeOverWallClockTime() {
		assertThat(SLUICE.cores(16_000)).isCloseTo(1.6, within(1e-9));
		assertThat(CpuUsage.NONE.cores(16_000)).isNaN();
	}

	@Test
	void aRoleWithoutProcessesOrAProcessNotMeasuredReadsNaN() {
		assertThat(SLUICE.millis(Role.GATEWAY)).isNaN();
		CpuUsage brokerGone = new CpuUsage(List.of(new ProcessCpu("ingress", Role.INGRESS, 5_500),
				new ProcessCpu("kafka broker", Role.BROKER, Double.NaN)), 10_000_000_000L);
		assertThat(brokerGone.millis(Role.PIPELINE)).isNaN();
		assertThat(brokerGone.millis(Set.of(Role.INGRESS))).isEqualTo(5_500);
	}

	@Test
	void nothingMeasuredWithoutAWindow() {
		assertThat(CpuUsage.NONE.measured()).isFalse();
		assertThat(SLUICE.measured()).isTrue();
	}

}
