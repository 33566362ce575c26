package dev.sluice.worker.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.sluice.contract.QueryStatus;
import dev.sluice.contract.QuerySubmitted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PendingRunningTests {

	static final QueryStatus RUNNING = QueryStatus
		.queued(new QuerySubmitted("q_1", "orders", Map.of(), Instant.parse("2026-11-22T10:00:00Z"),
				Instant.parse("2026-11-22T10:00:30Z")))
		.running(Instant.parse("2026-11-22T10:00:01Z"));

	final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);

	final List<String> published = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopScheduler() {
		this.scheduler.shutdownNow();
	}

	@Test
	void queryStillRunningAfterTheDelayIsPublishedRunning() {
		PendingRunning.schedule(RUNNING, this::publish, this.scheduler, Duration.ofMillis(20));

		await().atMost(Duration.ofSeconds(5)).until(() -> this.published.equals(List.of("RUNNING q_1")));
	}

	@Test
	void zeroDelayPublishesEveryRunningStatusAtOnce() {
		PendingRunning.schedule(RUNNING, this::publish, this.scheduler, Duration.ZERO);

		await().atMost(Duration.ofSeconds(5)).until(() -> this.published.equals(List.of("RUNNING q_1")));
	}

	@Test
	void queryEndingWithinTheDelayIsNeverPublishedRunningAndLeavesNoTimerBehind() {
		this.scheduler.setRemoveOnCancelPolicy(true);
		PendingRunning pending = PendingRunning.schedule(RUNNING, this::publish, this.scheduler, Duration.ofDays(1));

		pending.withdraw();
		// A timer that fired just as the query ended must not publish either.
		pending.run();

		assertThat(this.published).isEmpty();
		assertThat(this.scheduler.getQueue()).isEmpty();
	}

	@Test
	void withdrawWaitsForARunningStatusBeingSentSoTheTerminalOneComesAfterIt() throws Exception {
		CountDownLatch sending = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		PendingRunning pending = PendingRunning.schedule(RUNNING, (running) -> {
			sending.countDown();
			awaitQuietly(release);
			publish(running);
		}, this.scheduler, Duration.ZERO);
		sending.await();
		Thread terminal = Thread.ofPlatform().start(() -> {
			pending.withdraw();
			this.published.add("terminal q_1");
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> terminal.getState() == Thread.State.BLOCKED);

		release.countDown();
		terminal.join();

		assertThat(this.published).containsExactly("RUNNING q_1", "terminal q_1");
	}

	private void publish(QueryStatus status) {
		this.published.add(status.state() + " " + status.id());
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
