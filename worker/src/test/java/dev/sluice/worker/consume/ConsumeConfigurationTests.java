package dev.sluice.worker.consume;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumeConfigurationTests {

	@Test
	void clientIdNamesTheProcessWithoutASuffixTheIngressWouldStrip() {
		assertThat(ConsumeConfiguration.clientId()).startsWith("sluice-worker_")
			.endsWith("_" + ProcessHandle.current().pid())
			.doesNotContainPattern("-\\d+$");
	}

	@Test
	void pollReturnsAQuarterOfTheWindow() {
		assertThat(InFlightWindow.pollRecords(32)).isEqualTo(8);
		assertThat(InFlightWindow.pollRecords(3)).isEqualTo(1);
	}

}
