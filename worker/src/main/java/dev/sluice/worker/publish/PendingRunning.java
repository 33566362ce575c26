package dev.sluice.worker.publish;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.sluice.contract.QueryStatus;

/**
 * A {@link dev.sluice.contract.QueryState#RUNNING} status that is published only if its
 * query is still running when a delay has passed, from a scheduler thread rather than the
 * thread that holds the query's connection. A query that ends within the delay goes
 * straight from QUEUED to its terminal status, which carries {@code startedAt} anyway.
 * <p>
 * Its query {@linkplain #withdraw() withdraws} it before publishing the terminal status:
 * when that returns, the RUNNING status is either on its way to Kafka already (sent
 * before the terminal one, on the same partition, so it arrives first) or never will be.
 * Readers would ignore a late RUNNING anyway, since states only advance; this keeps the
 * record from being written at all.
 */
public final class PendingRunning implements Runnable {

	private final QueryStatus running;

	private final Consumer<QueryStatus> send;

	private Future<?> timer;

	private boolean settled;

	private PendingRunning(QueryStatus running, Consumer<QueryStatus> send) {
		this.running = running;
		this.send = send;
	}

	/**
	 * Publish {@code running} after {@code delay}, unless withdrawn first.
	 * @param running the status
	 * @param send publishes it; called at most once, on a scheduler thread
	 * @param scheduler runs the delayed send
	 * @param delay how long the query must have run; zero publishes at once
	 * @return the pending status
	 */
	public static PendingRunning schedule(QueryStatus running, Consumer<QueryStatus> send,
			ScheduledExecutorService scheduler, Duration delay) {
		PendingRunning pending = new PendingRunning(running, send);
		synchronized (pending) {
			// Under the lock, so that a timer firing at once waits for the field.
			pending.timer = scheduler.schedule(pending, delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		return pending;
	}

	/** The delay has passed: publish, unless the query ended meanwhile. */
	@Override
	public synchronized void run() {
		if (!this.settled) {
			this.settled = true;
			this.send.accept(this.running);
		}
	}

	/**
	 * The query is about to publish its terminal status. Once this returns, the RUNNING
	 * status was either sent before or will never be sent; a send in progress is waited
	 * for.
	 */
	public synchronized void withdraw() {
		if (!this.settled) {
			this.settled = true;
			this.timer.cancel(false);
		}
	}

}
