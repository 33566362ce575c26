package dev.sluice.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
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
import org.jspecify.annotations.Nullable;
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
			HostCpu beforeUnloaded = HostCpu.now();
			for (int i = 0; i < UNLOADED_SAMPLES; i++) {
				unloadedSamples.add(quietQuery(quiet));
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
			}
			HostCpu beforeFlood = HostCpu.now();

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
			HostCpu afterFlood = HostCpu.now();

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
			System.out.printf("Fairness: the host's CPU, unloaded then under A's flood: %s; %s%n",
					HostCpu.between(beforeUnloaded, beforeFlood), HostCpu.between(beforeFlood, afterFlood));

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
		Instant called = Instant.now();
		QueryStatus status = quiet.run("item", Map.of("id", 1 + distinct.incrementAndGet() % 20_000),
				Duration.ofSeconds(30));
		Instant answered = Instant.now();
		assertThat(status.state()).isEqualTo(QueryState.SUCCEEDED);
		Instant startedAt = status.startedAt().orElseThrow();
		Instant completedAt = status.completedAt().orElseThrow();
		return new Sample(Duration.between(called, answered).toMillis(),
				Duration.between(called, status.submittedAt()).toMillis(),
				Duration.between(status.submittedAt(), startedAt).toMillis(),
				Duration.between(startedAt, completedAt).toMillis(),
				Duration.between(completedAt, answered).toMillis());
	}

	private static SluiceClient client(ChildProcess ingress, String key) {
		return SluiceClient.builder(URI.create(ingress.baseUrl()))
			.apiKey(key)
			.retryPolicy(RetryPolicy.none())
			.requestTimeout(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * One query of B's, split by the status's own timestamps (the ingress, the workers
	 * and this test share the host's clock).
	 *
	 * @param total from the call to its answer, as B saw it
	 * @param submitting from the call to {@code submittedAt}: the request's way in, the
	 * key, the quota, the idempotency check and admission
	 * @param queued from {@code submittedAt} to {@code startedAt}: waiting for a worker
	 * @param ran from {@code startedAt} to {@code completedAt}: on the database
	 * @param answering from {@code completedAt} to the answer: the status's way back
	 * through Kafka and the ingress to B
	 */
	private record Sample(long total, long submitting, long queued, long ran, long answering) {

		static String breakdown(List<Sample> samples) {
			return "submitting " + quantiles(samples, Sample::submitting) + ", queued "
					+ quantiles(samples, Sample::queued) + ", ran " + quantiles(samples, Sample::ran) + ", answering "
					+ quantiles(samples, Sample::answering);
		}

		private static String quantiles(List<Sample> samples, ToLongFunction<Sample> part) {
			List<Long> millis = samples.stream().map(part::applyAsLong).toList();
			return percentile(millis, 0.5) + " / " + percentile(millis, 0.99);
		}

	}

	/**
	 * The host's CPU counters at one instant, from Linux's {@code /proc}: how busy its
	 * CPUs were, how much time the hypervisor took (steal), and for how long some task
	 * was ready to run but waited for a CPU (pressure stall information).
	 */
	private record HostCpu(long busyTicks, long totalTicks, long stealTicks, long stalledMicros, long nanos) {

		static @Nullable HostCpu now() {
			try {
				String[] ticks = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
				long total = 0;
				for (int i = 1; i <= 8; i++) {
					total += Long.parseLong(ticks[i]);
				}
				long idle = Long.parseLong(ticks[4]) + Long.parseLong(ticks[5]);
				long steal = Long.parseLong(ticks[8]);
				String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).getFirst();
				long stalled = Long.parseLong(some.substring(some.indexOf("total=") + "total=".length()).trim());
				return new HostCpu(total - idle - steal, total, steal, stalled, System.nanoTime());
			}
			catch (IOException | RuntimeException ex) {
				return null;
			}
		}

		static String between(@Nullable HostCpu from, @Nullable HostCpu to) {
			if (from == null || to == null) {
				return "not measured (no /proc/stat or /proc/pressure/cpu)";
			}
			double ticks = Math.max(1, to.totalTicks - from.totalTicks);
			return String.format(Locale.ROOT,
					"busy %.0f %%, stolen %.0f %%, some task waiting for a CPU %.0f %% of the time",
					100 * (to.busyTicks - from.busyTicks) / ticks, 100 * (to.stealTicks - from.stealTicks) / ticks,
					100 * (to.stalledMicros - from.stalledMicros) / ((to.nanos - from.nanos) / 1e3));
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
