package dev.sluice.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client's clock and waits, under the test's control: a pause is recorded and moves
 * the clock forward at once, so retry and long-poll timing is checked without spending
 * it.
 */
final class ManualTime extends Clock implements Pauses {

	static final Instant START = Instant.parse("2026-12-02T10:00:00Z");

	private final AtomicReference<Instant> now = new AtomicReference<>(START);

	private final List<Duration> pauses = new CopyOnWriteArrayList<>();

	@Override
	public void pause(Duration duration) {
		this.pauses.add(duration);
		advance(duration);
	}

	void advance(Duration duration) {
		this.now.accumulateAndGet(START, (current, ignored) -> current.plus(duration));
	}

	List<Duration> pauses() {
		return List.copyOf(this.pauses);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("ManualTime is UTC only");
	}

}
