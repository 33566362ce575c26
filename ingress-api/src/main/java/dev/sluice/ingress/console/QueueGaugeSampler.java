package dev.sluice.ingress.console;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Copies the queue gauges ({@code sluice.queue.depth}, {@code sluice.queue.lag.seconds},
 * {@code sluice.workers.consuming}) into the {@link FleetActivity} once a second. It
 * reads them from the meter registry by name, as Prometheus would, so the console shows
 * exactly what the dashboards show.
 */
final class QueueGaugeSampler implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(QueueGaugeSampler.class);

	private final MeterRegistry registry;

	private final FleetActivity activity;

	private final Clock clock;

	private @Nullable ScheduledExecutorService scheduler;

	QueueGaugeSampler(MeterRegistry registry, FleetActivity activity, Clock clock) {
		this.registry = registry;
		this.activity = activity;
		this.clock = clock;
	}

	@Override
	public void start() {
		this.scheduler = Executors.newSingleThreadScheduledExecutor(
				(task) -> Thread.ofPlatform().name("sluice-console-sampler").daemon().unstarted(task));
		this.scheduler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
	}

	@Override
	public void stop() {
		this.scheduler.shutdownNow();
		this.scheduler = null;
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	void sample() {
		try {
			this.activity.sampleQueue(this.clock.instant(), gauge("sluice.queue.depth"),
					gauge("sluice.queue.lag.seconds"), gauge("sluice.workers.consuming"));
		}
		catch (RuntimeException ex) {
			// A missed sample is a gap of one second in the chart; the next one retries.
			logger.debug("Could not sample the queue gauges", ex);
		}
	}

	private double gauge(String name) {
		Gauge gauge = this.registry.find(name).gauge();
		return (gauge != null) ? gauge.value() : Double.NaN;
	}

}
