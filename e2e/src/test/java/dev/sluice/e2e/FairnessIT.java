package dev.sluice.e2e;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToLongFunction;

import dev.sluice.client.QueryHandle;
import dev.sluice.client.QueryState;
import dev.sluice.client.QueryStatus;
import dev.sluice.client.RetryPolicy;
import dev.sluice.client.SluiceClient;
import dev.sluice.client.SluiceProblemException;
import dev.sluice.contract.Sha256;
import dev.sluice.devstack.process.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A noisy client cannot starve a quiet one: client A floods 5,000 submissions (at an even
 * pace over 30 s, up to 32 at once) while client B submits one query a second, through an
 * ingress that holds each to its quota, on the shared pipeline's workers. A is refused
 * with 429s, every query of A's that was accepted succeeds, and so does every one of B's.
 * B's latency is printed beside its target, p99 within twice its unloaded p99 plus the
 * longest query of the mix.
 */
@ExtendWith(SharedPipeline.class)
class FairnessIT {

	private static final int FLOOD = 5_000;

	private static final Duration FLOOD_TIME = Duration.ofSeconds(30);

	private static final int WARM_UP = 5;

	/** Client A's requests at once at the most. */
	private static final int CONNECTIONS = 32;

	private static final int UNLOADED_SAMPLES = 20;

	/** Distinct parameters, so that nothing is served from the cache or coalesced. */
	private static final AtomicInteger distinct = new AtomicInteger(1_000_000);

	@Test
	void aFloodingClientDoesNotStarveAQuietOne(Pipeline pipeline) throws Exception {
		Path keys = Files.createTempFile("sluice-fairness-keys", ".yml");
		Files.writeString(keys, """
				clients:
				  noisy:
				    keys: [%s]
				    quota: { rate: 50, burst: 50, maxInFlight: 16 }
				  quiet:
				    keys: [%s]
				""".formatted(Sha256.keysFileEntry("noisy-key"), Sha256.keysFileEntry("quiet-key")));
		try (ChildProcess ingress = pipeline.startIngress("ingress-fairness",
				Map.of("SLUICE_SECURITY_MODE", "keys", "SLUICE_SECURITY_KEYS", keys.toString()));
				SluiceClient noisy = client(ingress, "noisy-key");
				SluiceClient quiet = client(ingress, "quiet-key")) {
			for (int i = 0; i < WARM_UP; i++) {
				// The new ingress's first requests run cold (class loading, JIT): not its
				// latency.
				quietQuery(quiet);
			}
			List<Sample> unloadedSamples = new ArrayList<>();
			for (int i = 0; i < UNLOADED_SAMPLES; i++) {
				unloadedSamples.add(quietQuery(quiet));
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
			}

			Flood flood = new Flood(noisy);
			Thread flooding = Thread.ofPlatform().name("noisy-client").start(flood::run);
			List<Sample> loadedSamples = new ArrayList<>();
			long next = System.nanoTime();
			while (flooding.isAlive()) {
				loadedSamples.add(quietQuery(quiet));
				next += TimeUnit.SECONDS.toNanos(1);
				LockSupport.parkNanos(next - System.nanoTime());
			}
			flooding.join();

			List<QueryStatus> noisyEnded = new ArrayList<>();
			for (QueryHandle handle : flood.accepted) {
				noisyEnded.add(handle.await(Duration.ofSeconds(120)));
			}
			long longestQuery = noisyEnded.stream()
				.mapToLong((status) -> Duration
					.between(status.startedAt().orElseThrow(), status.completedAt().orElseThrow())
					.toMillis())
				.max()
				.orElse(0);
			List<Long> unloaded = unloadedSamples.stream().map(Sample::total).toList();
			List<Long> loaded = loadedSamples.stream().map(Sample::total).toList();
			long unloadedP99 = percentile(unloaded, 0.99);
			long loadedP99 = percentile(loaded, 0.99);
			System.out
				.printf("Fairness: A sent %d in %.1f s: %d accepted, %d refused with 429 (%d rate, %d in flight). "
						+ "B: unloaded p50 %d ms, p99 %d ms (%d queries); under A's flood p50 %d ms, p99 %d ms, max %d ms "
						+ "(%d queries). Longest query of the mix: %d ms. Bound: 2 × %d + %d = %d ms.%n", FLOOD,
						flood.seconds, flood.accepted.size(), flood.refused.get(), flood.rateLimited.get(),
						flood.refused.get() - flood.rateLimited.get(), percentile(unloaded, 0.5), unloadedP99,
						unloaded.size(), percentile(loaded, 0.5), loadedP99, Collections.max(loaded), loaded.size(),
						longestQuery, unloadedP99, longestQuery, 2 * unloadedP99 + longestQuery);
			System.out.printf("Fairness: where B's time went, p50 / p99 ms, unloaded then under A's flood: %s; %s%n",
					Sample.breakdown(unloadedSamples), Sample.breakdown(loadedSamples));

			assertThat(flood.refused.get()).as("A is refused with 429s").isPositive();
			assertThat(flood.failures).as("A's other failures").isEmpty();
			assertThat(noisyEnded).as("every accepted query of A's")
				.allSatisfy((status) -> assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED));
			assertThat(loaded).as("B's queries under A's flood").isNotEmpty();
			// The latency bound is a speed target: printed above, not asserted (this
			// project
			// checks speed with printed figures, not timed tests).
		}
		finally {
			Files.deleteIfExists(keys);
		}
	}

	/** Run one query of B's to its end. @return how long it took, and where */
	private static Sample quietQuery(SluiceClient quiet) {
		long start = System.nanoTime();
		QueryStatus status = quiet.run("item", Map.of("id", 1 + distinct.incrementAndGet() % 20_000),
				Duration.ofSeconds(30));
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
		Instant startedAt = status.startedAt().orElseThrow();
		Instant completedAt = status.completedAt().orElseThrow();
		return new Sample(millis, Duration.between(status.submittedAt(), startedAt).toMillis(),
				Duration.between(startedAt, completedAt).toMillis());
	}

	private static SluiceClient client(ChildProcess ingress, String key) {
		return SluiceClient.builder(URI.create(ingress.baseUrl()))
			.apiKey(key)
			.retryPolicy(RetryPolicy.none())
			.requestTimeout(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * One query of B's, by the server's timestamps.
	 *
	 * @param total from the call to its answer, as B saw it
	 * @param queued from {@code submittedAt} to {@code startedAt}: waiting for a worker
	 * @param ran from {@code startedAt} to {@code completedAt}: on the database
	 */
	private record Sample(long total, long queued, long ran) {

		/** The rest: the HTTP exchange, the produce, and the status's way back. */
		long around() {
			return this.total - this.queued - this.ran;
		}

		static String breakdown(List<Sample> samples) {
			return "queued " + quantiles(samples, Sample::queued) + ", ran " + quantiles(samples, Sample::ran)
					+ ", around " + quantiles(samples, Sample::around);
		}

		private static String quantiles(List<Sample> samples, ToLongFunction<Sample> part) {
			List<Long> millis = samples.stream().map(part::applyAsLong).toList();
			return percentile(millis, 0.5) + " / " + percentile(millis, 0.99);
		}

	}

	private static long percentile(List<Long> millis, double quantile) {
		List<Long> sorted = millis.stream().sorted().toList();
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
	}

	/** Client A: {@link #FLOOD} submissions spread evenly over {@link #FLOOD_TIME}. */
	private static final class Flood {

		private final SluiceClient client;

		private final ConcurrentLinkedQueue<QueryHandle> accepted = new ConcurrentLinkedQueue<>();

		private final AtomicInteger refused = new AtomicInteger();

		private final AtomicInteger rateLimited = new AtomicInteger();

		private final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();

		private volatile double seconds;

		Flood(SluiceClient client) {
			this.client = client;
		}

		void run() {
			long start = System.nanoTime();
			long spacing = FLOOD_TIME.toNanos() / FLOOD;
			// A thread per submission, so a slow answer does not slow the flood down, but
			// at most CONNECTIONS at once, as a client's connection pool would: thousands
			// of simultaneous connections would overflow the ingress's accept queue and
			// measure TCP's retransmission back-off instead of the queue.
			Semaphore connections = new Semaphore(CONNECTIONS);
			try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
				for (int i = 0; i < FLOOD; i++) {
					LockSupport.parkNanos(start + i * spacing - System.nanoTime());
					senders.execute(() -> {
						connections.acquireUninterruptibly();
						try {
							submitOne();
						}
						finally {
							connections.release();
						}
					});
				}
			}
			this.seconds = (System.nanoTime() - start) / 1e9;
		}

		private void submitOne() {
			int n = distinct.incrementAndGet();
			try {
				this.accepted.add(this.client.submit("group_total", Map.of("grp", n % 50, "minId", n)));
			}
			catch (SluiceProblemException ex) {
				if (ex.status() != 429) {
					this.failures.add(ex);
					return;
				}
				this.refused.incrementAndGet();
				if (ex.type().toString().endsWith(":rate-limited")) {
					this.rateLimited.incrementAndGet();
				}
			}
			catch (RuntimeException ex) {
				this.failures.add(ex);
			}
		}

	}

}
