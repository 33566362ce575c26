package dev.sluice.worker.cancel;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CanceledQueriesTests {

	final CanceledQueries canceled = new CanceledQueries(Duration.ofMinutes(1));

	@Test
	void cancelIsRemembered() {
		this.canceled.cancel("q1");

		assertThat(this.canceled.isCanceled("q1")).isTrue();
		assertThat(this.canceled.isCanceled("q2")).isFalse();
	}

	@Test
	void watcherHearsALaterCancelOnce() {
		AtomicInteger heard = new AtomicInteger();
		this.canceled.watch("q1", heard::incrementAndGet);

		this.canceled.cancel("q1");
		this.canceled.cancel("q1");

		assertThat(heard).hasValue(1);
	}

	@Test
	void watchingAnAlreadyCanceledQueryFiresAtOnce() {
		this.canceled.cancel("q1");
		AtomicInteger heard = new AtomicInteger();

		this.canceled.watch("q1", heard::incrementAndGet);

		assertThat(heard).hasValue(1);
	}

	@Test
	void closedWatchHearsNothing() {
		AtomicInteger heard = new AtomicInteger();
		this.canceled.watch("q1", heard::incrementAndGet).close();

		this.canceled.cancel("q1");

		assertThat(heard).hasValue(0);
	}

	@Test
	void cancelOfAnotherQueryIsNotHeard() {
		AtomicInteger heard = new AtomicInteger();
		this.canceled.watch("q1", heard::incrementAndGet);

		this.canceled.cancel("q2");

		assertThat(heard).hasValue(0);
	}

}
