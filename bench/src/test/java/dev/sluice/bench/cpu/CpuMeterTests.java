package dev.sluice.bench.cpu;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CpuMeterTests {

	@Test
	void measuresTheCpuThisJvmSpendsInTheWindow() {
		long pid = ProcessHandle.current().pid();
		try (CpuMeter meter = CpuMeter.watching(List.of(WatchedProcess.single("this JVM", Role.LOAD_DRIVER, pid)))) {
			long from = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
			long to = from + TimeUnit.MILLISECONDS.toNanos(400);
			meter.measureBetween(from, to);
			long spins = 0;
			while (System.nanoTime() < to + TimeUnit.MILLISECONDS.toNanos(20)) {
				spins++;
			}
			CpuUsage usage = meter.usage(Duration.ofSeconds(5));
			long sinceFrom = System.nanoTime() - from;
			assertThat(spins).isPositive();
			// The window is the span between the two readings as they were really taken:
			// neither is taken early, either may be late on a loaded host.
			assertThat(usage.windowNanos()).isPositive().isLessThanOrEqualTo(sinceFrom);
			// Spinning on a shared host gets at least a fair slice of one core.
			assertThat(usage.processes()).singleElement()
				.satisfies((cpu) -> assertThat(cpu.millis()).isGreaterThan(50));
		}
	}

	@Test
	void aProcessTreeCountsItsChildren() throws Exception {
		Process child = new ProcessBuilder("sleep", "30").start();
		try {
			WatchedProcess tree = new WatchedProcess("this JVM and children", Role.DATABASE,
					ProcessHandle.current().pid(), true);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(ProcFs.read(tree)).hasValueSatisfying(
						(reading) -> assertThat(reading.ticks().keySet()).extracting(TreeReading.ProcessId::pid)
							.contains(ProcessHandle.current().pid(), child.pid())));
		}
		finally {
			child.destroy();
		}
	}

	@Test
	void noWindowNoUsage() {
		try (CpuMeter meter = CpuMeter.watching(List.of())) {
			assertThat(meter.usage(Duration.ofMillis(10))).isEqualTo(CpuUsage.NONE);
		}
	}

	@Test
	void theClockTickIsAskedOfTheSystem() {
		assertThat(ProcFs.clockTicksPerSecond()).isPositive();
	}

}
