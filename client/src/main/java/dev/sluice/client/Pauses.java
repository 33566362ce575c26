package dev.sluice.client;

import java.time.Duration;

/**
 * How the client waits between attempts; tests replace it to observe the waits without
 * spending them.
 */
@FunctionalInterface
interface Pauses {

	/** Sleeps on the calling thread. */
	Pauses SLEEP = Thread::sleep;

	/**
	 * Wait.
	 * @param duration how long, zero or more
	 * @throws InterruptedException if the thread is interrupted meanwhile
	 */
	void pause(Duration duration) throws InterruptedException;

}
