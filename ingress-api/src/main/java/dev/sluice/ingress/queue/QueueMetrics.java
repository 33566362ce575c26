package dev.sluice.ingress.queue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Publishes the worker fleet's backlog as gauges, measured every
 * {@code sluice.queue.interval}: {@code sluice.queue.depth} (records),
 * {@code sluice.queue.lag.seconds} (age of the oldest unprocessed record) and
 * {@code sluice.workers.consuming} (group members holding partitions). While Kafka cannot
 * be measured the gauges read NaN rather than a stale value. Each measurement also
 * refreshes the {@link QueueEstimates} that admission control reads.
 */
final class QueueMetrics implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(QueueMetrics.class);

	private final BacklogProbe probe;

	private final QueueEstimates estimates;

	private final long intervalMillis;

	private @Nullable ScheduledExecutorService scheduler;

	/** Whether the last measurement failed; the scheduler thread's own. */
	private boolean failing;

	QueueMetrics(BacklogProbe probe, QueueEstimates estimates, QueueProperties properties, MeterRegistry registry) {
		this.probe = probe;
		this.estimates = estimates;
		this.intervalMillis = properties.interval().toMillis();
		Gauge.builder("sluice.queue.depth", () -> known(QueueEstimate::depth))
			.description("Records of sluice.queries not yet committed by the worker group")
			.register(registry);
		Gauge.builder("sluice.queue.lag.seconds", () -> known(QueueEstimate::lagSeconds))
			.description("Age of the oldest record of sluice.queries no worker has finished")
			.register(registry);
		Gauge.builder("sluice.workers.consuming", () -> known(QueueEstimate::consumingWorkers))
			.description("Members of the worker group that hold partitions of sluice.queries")
			.register(registry);
	}

	@Override
	public void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(
				(task) -> Thread.ofPlatform().name("sluice-queue-metrics").daemon().unstarted(task));
		this.scheduler.scheduleWithFixedDelay(this::measure, 0, this.intervalMillis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		this.scheduler.shutdownNow();
		try {
			if (!this.scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("The queue backlog measurement did not stop within 5 s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.probe.close();
		this.scheduler = null;
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	private void measure() {
		try {
			BacklogProbe.Measurement measured = this.probe.measure(this.estimates::admitted, this.estimates::ran);
			this.estimates.update(measured.backlog(), measured.atNanos(), measured.admittedBefore());
			if (this.failing) {
				logger.info("The queue backlog is measured again");
				this.failing = false;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			this.estimates.measurementFailed();
			if (!this.failing) {
				logger.warn(
						"Could not measure the queue backlog ({}); admission control goes on from the last "
								+ "measurement for a while, then admits everything until it can measure again",
						ex.toString());
				this.failing = true;
			}
			logger.debug("Could not measure the queue backlog", ex);
		}
	}

	/** A figure of the latest estimate, or NaN while there is none. */
	private double known(ToDoubleFunction<QueueEstimate> figure) {
		QueueEstimate estimate = this.estimates.current();
		return estimate.known() ? figure.applyAsDouble(estimate) : Double.NaN;
	}

}
