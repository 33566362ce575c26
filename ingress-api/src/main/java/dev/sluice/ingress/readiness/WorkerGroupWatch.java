package dev.sluice.ingress.readiness;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Looks at the worker group in the background and hands each look to the
 * {@link WorkersHealthIndicator}: every {@link #WHILE_WAITING} until the workers first
 * hold every partition (the ingress's readiness waits on it), then every
 * {@link #ONCE_SETTLED}, for the health details only (which the launcher of the local
 * stack reads to wait until every worker it started holds partitions).
 */
final class WorkerGroupWatch implements SmartLifecycle {

	static final Duration WHILE_WAITING = Duration.ofSeconds(1);

	static final Duration ONCE_SETTLED = Duration.ofSeconds(2);

	private static final Logger logger = LoggerFactory.getLogger(WorkerGroupWatch.class);

	private final WorkerGroupProbe probe;

	private final WorkersHealthIndicator indicator;

	private volatile @Nullable ScheduledExecutorService scheduler;

	WorkerGroupWatch(WorkerGroupProbe probe, WorkersHealthIndicator indicator) {
		this.probe = probe;
		this.indicator = indicator;
	}

	@Override
	public void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(
				(task) -> Thread.ofPlatform().name("sluice-worker-group-watch").daemon().unstarted(task));
		this.scheduler.execute(this::look);
	}

	@Override
	public void stop() {
		ScheduledExecutorService stopping = this.scheduler;
		this.scheduler = null;
		stopping.shutdownNow();
		try {
			if (!stopping.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("The look at the worker group did not stop within 5 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private void look() {
		try {
			this.indicator.observed(this.probe.look());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return;
		}
		catch (ExecutionException ex) {
			this.indicator.unobservable(String.valueOf(ex.getCause()));
			logger.debug("Could not describe the worker group", ex);
		}
		catch (TimeoutException | RuntimeException ex) {
			this.indicator.unobservable(String.valueOf(ex));
			logger.debug("Could not describe the worker group", ex);
		}
		scheduleNext();
	}

	private void scheduleNext() {
		ScheduledExecutorService current = this.scheduler;
		if (current == null) {
			return;
		}
		Duration pause = this.indicator.isSettled() ? ONCE_SETTLED : WHILE_WAITING;
		try {
			current.schedule(this::look, pause.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopped between the check and the schedule: nothing more to look at.
		}
	}

}
