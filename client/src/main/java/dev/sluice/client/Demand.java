package dev.sluice.client;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The demand and the cancellation of one subscription, shared by the subscriber's
 * threads, which request and cancel, and the one reader thread, which waits for demand,
 * takes it and waits for the network.
 *
 * <p>
 * {@link #cancel()} interrupts the reader only while it waits for the network
 * ({@link #whileBlocked}), never while it runs the subscriber's code; once cancelled,
 * every method of the reader's throws {@link Cancelled} to unwind it.
 */
final class Demand {

	private final String subject;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private long requested;

	private boolean cancelled;

	private @Nullable IllegalArgumentException badRequest;

	private @Nullable Thread blocked;

	/**
	 * @param subject what is subscribed to, for the message of a bad request
	 */
	Demand(String subject) {
		this.subject = subject;
	}

	/**
	 * Add demand; a non-positive {@code n} is remembered as the error the subscription
	 * must end with (Reactive Streams rule 3.9).
	 */
	void request(long n) {
		this.lock.lock();
		try {
			if (n <= 0) {
				if (this.badRequest == null) {
					this.badRequest = new IllegalArgumentException("request(" + n + ") of " + this.subject
							+ ": demand must be positive (Reactive Streams rule 3.9)");
				}
			}
			else {
				// Demand past Long.MAX_VALUE is unbounded (rule 3.17).
				this.requested = (this.requested + n < 0) ? Long.MAX_VALUE : this.requested + n;
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	void cancel() {
		this.lock.lock();
		try {
			this.cancelled = true;
			if (this.blocked != null) {
				this.blocked.interrupt();
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isCancelled() {
		this.lock.lock();
		try {
			return this.cancelled;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait until there is demand.
	 * @return {@code null} once there is, or the error of a bad request
	 * @throws Cancelled if the subscription is cancelled
	 */
	@Nullable IllegalArgumentException await() {
		this.lock.lock();
		try {
			while (!this.cancelled && this.badRequest == null && this.requested == 0) {
				this.changed.awaitUninterruptibly();
			}
			if (this.cancelled) {
				throw new Cancelled();
			}
			return this.badRequest;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Take one unit of demand, before an {@code onNext}.
	 * @throws Cancelled if the subscription is cancelled
	 */
	void take() {
		this.lock.lock();
		try {
			if (this.cancelled) {
				throw new Cancelled();
			}
			this.requested--;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait for the network, interruptible by {@link #cancel()}.
	 * @param wait the wait
	 * @return its result
	 * @throws IOException if it fails while the subscription is not cancelled
	 * @throws Cancelled if the subscription is cancelled, before or during the wait
	 */
	<T> T whileBlocked(NetworkWait<T> wait) throws IOException {
		this.lock.lock();
		try {
			if (this.cancelled) {
				throw new Cancelled();
			}
			this.blocked = Thread.currentThread();
		}
		finally {
			this.lock.unlock();
		}
		try {
			return wait.run();
		}
		catch (IOException | RuntimeException ex) {
			if (isCancelled()) {
				throw new Cancelled();
			}
			throw ex;
		}
		finally {
			this.lock.lock();
			try {
				this.blocked = null;
				// An interrupt meant for the network wait must not reach the subscriber.
				Thread.interrupted();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	@FunctionalInterface
	interface NetworkWait<T> {

		T run() throws IOException;

	}

	/** Unwinds the reader thread once the subscription is cancelled. */
	static final class Cancelled extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Cancelled() {
			super(null, null, false, false);
		}

	}

}
