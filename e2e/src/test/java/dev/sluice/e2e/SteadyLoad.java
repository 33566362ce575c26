package dev.sluice.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import dev.sluice.e2e.SluiceClient.Response;

import static org.awaitility.Awaitility.await;

/**
 * Submissions at a steady rate, open loop, by a bounded pool of concurrent submitters: a
 * tick that finds every submitter busy is skipped and counted, never queued, so the load
 * stays what it was set to while the pipeline under it changes.
 *
 * <pre>{@code
 * try (SteadyLoad load = SteadyLoad.start(client, 30, 8, (i) -> new Submission("item", Map.of("id", i + 1)))) {
 *     // change the pipeline
 *     load.stop();
 *     load.accepted(); // every 202
 * }
 * }</pre>
 */
final class SteadyLoad implements AutoCloseable {

	private static final Duration STOP_WAIT = Duration.ofSeconds(60);

	private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

	private final SluiceClient client;

	private final IntFunction<Submission> submissions;

	private final Semaphore submitters;

	private final int concurrency;

	private final AtomicInteger sent = new AtomicInteger();

	private final AtomicInteger skipped = new AtomicInteger();

	private final List<Accepted> accepted = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();

	private SteadyLoad(SluiceClient client, int concurrency, IntFunction<Submission> submissions) {
		this.client = client;
		this.submissions = submissions;
		this.concurrency = concurrency;
		this.submitters = new Semaphore(concurrency);
	}

	/**
	 * Start submitting.
	 * @param client where to
	 * @param perSecond submissions per second
	 * @param concurrency the most submissions waiting for their answer at once
	 * @param submissions the n-th submission, from 0; each should be a query of its own
	 * @return the running load; stop or close it
	 */
	static SteadyLoad start(SluiceClient client, int perSecond, int concurrency, IntFunction<Submission> submissions) {
		SteadyLoad load = new SteadyLoad(client, concurrency, submissions);
		load.ticks.scheduleAtFixedRate(load::tick, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
		return load;
	}

	private void tick() {
		if (!this.submitters.tryAcquire()) {
			this.skipped.incrementAndGet();
			return;
		}
		Submission submission = this.submissions.apply(this.sent.getAndIncrement());
		Instant at = Instant.now();
		this.client.submitAcceptingAnyBody(submission.query(), submission.params())
			.whenComplete((response, failure) -> {
				try {
					if (failure != null) {
						this.refused.computeIfAbsent(describe(failure), (key) -> new AtomicInteger()).incrementAndGet();
					}
					else if (response.status() == 202) {
						this.accepted.add(new Accepted(at, response));
					}
					else {
						this.refused
							.computeIfAbsent(response.status() + " " + problemType(response),
									(key) -> new AtomicInteger())
							.incrementAndGet();
					}
				}
				finally {
					this.submitters.release();
				}
			});
	}

	/**
	 * Stop submitting and wait, at most 60 s, for the answers still to come.
	 */
	void stop() {
		this.ticks.shutdownNow();
		await("answers to the last submissions").atMost(STOP_WAIT)
			.until(() -> this.submitters.availablePermits() == this.concurrency);
	}

	/**
	 * @return how many submissions were sent so far
	 */
	int sent() {
		return this.sent.get();
	}

	/**
	 * @return the ticks that found every submitter busy
	 */
	int skipped() {
		return this.skipped.get();
	}

	/**
	 * @return the accepted submissions so far, in the order their answers came
	 */
	List<Accepted> accepted() {
		return List.copyOf(this.accepted);
	}

	/**
	 * @return the submissions not accepted, by status and problem type or by the client's
	 * exception
	 */
	Map<String, Integer> refused() {
		Map<String, Integer> refused = new TreeMap<>();
		this.refused.forEach((reason, count) -> refused.put(reason, count.get()));
		return refused;
	}

	@Override
	public void close() {
		this.ticks.shutdownNow();
	}

	private static String describe(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return "no answer: " + cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? " (" + cause.getMessage() + ")" : "");
	}

	private static String problemType(Response response) {
		return (response.body() != null && response.body().has("type")) ? response.body().get("type").asString()
				: "(no problem document)";
	}

	/**
	 * An accepted submission.
	 *
	 * @param sentAt when it was sent
	 * @param answer the {@code 202} answer
	 */
	record Accepted(Instant sentAt, Response answer) {

	}

}
