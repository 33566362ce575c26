package dev.sluice.devstack.launcher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.devstack.kafka.KafkaBroker;
import sun.misc.Signal;

/**
 * Turns SIGINT, SIGTERM and SIGHUP into an orderly stop of the stack, and a second one
 * into an immediate kill of every child process.
 * <p>
 * Why not a shutdown hook: hooks run all at once, in no order, once the JVM is already
 * exiting, and {@link KafkaBroker} registers one that kills the broker at once. The stack
 * must stop the workers first (they commit their offsets to the broker), then the
 * ingress, then the broker; so the first signal only wakes the launcher's main thread,
 * which stops the children in that order and exits afterwards.
 * <p>
 * A signal ignored when the JVM started (as SIGINT is for a background job of a
 * non-interactive shell, which is how {@code ./sluice} runs the launcher: the script
 * forwards a Ctrl-C as SIGTERM) stays ignored.
 */
final class StopSignals {

	private final CountDownLatch requested = new CountDownLatch(1);

	private final AtomicInteger received = new AtomicInteger();

	private final List<Runnable> onFirst = new CopyOnWriteArrayList<>();

	private final Runnable onSecond;

	private StopSignals(Runnable onSecond) {
		this.onSecond = onSecond;
	}

	/**
	 * Take over SIGINT, SIGTERM and SIGHUP.
	 * @param onSecond what a second signal does; it runs on the signal thread
	 * @return the signals
	 */
	static StopSignals install(Runnable onSecond) {
		StopSignals signals = new StopSignals(onSecond);
		for (String name : List.of("INT", "TERM", "HUP")) {
			try {
				Signal.handle(new Signal(name), (signal) -> signals.receive());
			}
			catch (IllegalArgumentException ex) {
				// The platform reserves this signal (HUP on some systems): keep its
				// default.
			}
		}
		return signals;
	}

	/**
	 * Run {@code action} on the first stop signal, e.g. to cancel a long database load.
	 * @param action what to run, on the signal thread
	 */
	void onStop(Runnable action) {
		this.onFirst.add(action);
		if (isRequested()) {
			action.run();
		}
	}

	boolean isRequested() {
		return this.requested.getCount() == 0;
	}

	/**
	 * Wait for a stop signal.
	 * @param timeout how long at most
	 * @return {@code true} if a stop was requested
	 */
	boolean await(Duration timeout) {
		try {
			return this.requested.await(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return true;
		}
	}

	void receive() {
		if (this.received.incrementAndGet() == 1) {
			this.requested.countDown();
			this.onFirst.forEach(Runnable::run);
		}
		else {
			this.onSecond.run();
		}
	}

}
