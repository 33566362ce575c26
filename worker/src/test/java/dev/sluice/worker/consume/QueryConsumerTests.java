package dev.sluice.worker.consume;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryConsumerTests {

	@Test
	void clientIdNamesTheProcessWithoutASuffixTheIngressWouldStrip() {
		assertThat(QueryConsumer.clientId()).startsWith("sluice-worker_")
			.endsWith("_" + ProcessHandle.current().pid())
			.doesNotContainPattern("-\\d+$");
	}

}
