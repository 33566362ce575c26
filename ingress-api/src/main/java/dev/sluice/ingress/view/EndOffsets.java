package dev.sluice.ingress.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Fetches the end offsets of the results topic for the {@link ReadBarrier}, on one thread
 * with a consumer of its own.
 *
 * <p>
 * Requests that arrive while a fetch is under way are answered together by the next
 * fetch, which begins after every one of them arrived. So each caller still gets offsets
 * fetched after its call, as the barrier needs, while a burst of lookups costs one
 * {@code ListOffsets} round trip per fetch rather than one admin call each; the
 * consumer's cached metadata spares the metadata round trip an admin call makes first.
 * Under a flood of idempotent submissions, one per-request admin call each queued behind
 * all the others on the admin client's single thread, and every client's submission
 * waited for them.
 *
 * <pre>{@code
 * Map<TopicPartition, Long> ends = endOffsets.fetch().get(timeout, MILLISECONDS);
 * }</pre>
 */
final class EndOffsets implements SmartLifecycle {

	private final Supplier<Consumer<?, ?>> consumers;

	private final Supplier<List<TopicPartition>> partitions;

	private final Duration timeout;

	private final BlockingQueue<CompletableFuture<Map<TopicPartition, Long>>> requests = new LinkedBlockingQueue<>();

	private volatile @Nullable Thread thread;

	/**
	 * @param consumers opens the consumer the fetching thread uses, without a group
	 * @param partitions the partitions to fetch the end offsets of, at each fetch
	 * @param timeout how long one fetch may take
	 */
	EndOffsets(Supplier<Consumer<?, ?>> consumers, Supplier<List<TopicPartition>> partitions, Duration timeout) {
		this.consumers = consumers;
		this.partitions = partitions;
		this.timeout = timeout;
	}

	/**
	 * Ask for the end offsets as they stand after this call.
	 * @return completes with the end offset of each partition, or with the fetch's
	 * failure; fails at once if the fetching thread is not running
	 */
	CompletableFuture<Map<TopicPartition, Long>> fetch() {
		CompletableFuture<Map<TopicPartition, Long>> request = new CompletableFuture<>();
		this.requests.add(request);
		if (this.thread == null) {
			// Stopped, or not started: nothing would answer.
			failAll(new IllegalStateException("the ingress is not running"));
		}
		return request;
	}

	@Override
	public void start() {
		this.thread = Thread.ofPlatform().name("sluice-read-barrier").daemon().start(this::run);
	}

	@Override
	public void stop() {
		Thread running = this.thread;
		this.thread = null;
		if (running != null) {
			running.interrupt();
			try {
				running.join(this.timeout.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		failAll(new IllegalStateException("the ingress is stopping"));
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	/** Runs as long as the results materializer, whose reading it serves. */
	@Override
	public int getPhase() {
		return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
	}

	private void run() {
		try (Consumer<?, ?> consumer = this.consumers.get()) {
			while (!Thread.currentThread().isInterrupted()) {
				List<CompletableFuture<Map<TopicPartition, Long>>> batch = new ArrayList<>();
				batch.add(this.requests.take());
				this.requests.drainTo(batch);
				try {
					Map<TopicPartition, Long> ends = consumer.endOffsets(this.partitions.get(), this.timeout);
					batch.forEach((request) -> request.complete(ends));
				}
				catch (RuntimeException ex) {
					batch.forEach((request) -> request.completeExceptionally(ex));
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			// Interrupted inside Kafka's client (its InterruptException), or the consumer
			// could not be opened: stop() answers what is left.
			failAll(ex);
		}
	}

	private void failAll(Exception cause) {
		List<CompletableFuture<Map<TopicPartition, Long>>> left = new ArrayList<>();
		this.requests.drainTo(left);
		left.forEach((request) -> request.completeExceptionally(cause));
	}

}
