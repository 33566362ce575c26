package dev.sluice.worker.cancel;

import java.time.Duration;

import dev.sluice.catalog.Catalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CancelReaderTests {

	@Test
	void lookBackIsTheLongestQueueTimeoutPlusAMinuteOfClockSkew() {
		Catalog catalog = Catalog.parse("""
				queries:
				  quick:
				    sql: select 1
				    queueTimeout: 30s
				  patient:
				    sql: select 2
				    queueTimeout: 2m
				""", "test");

		assertThat(CancelReader.lookBack(catalog)).isEqualTo(Duration.ofMinutes(3));
	}

}
