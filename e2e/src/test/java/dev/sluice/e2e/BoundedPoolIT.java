package dev.sluice.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import dev.sluice.client.CacheOutcome;
import dev.sluice.client.QueryHandle;
import dev.sluice.client.QueryState;
import dev.sluice.client.QueryStatus;
import dev.sluice.client.RetryPolicy;
import dev.sluice.client.SluiceClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workers' bounded connection pools, end to end: a storm of queries, submitted and
 * awaited through the Java client on both ingresses, drains with the rows JDBC gives and
 * never more database connections than the pools allow.
 */
@ExtendWith(SharedPipeline.class)
class BoundedPoolIT {

	private static final Logger logger = LoggerFactory.getLogger(BoundedPoolIT.class);

	/** Requests at once, as a client's connection pool would allow. */
	private static final int AT_ONCE = 64;

	private static final Duration TERMINAL_WAIT = Duration.ofSeconds(180);

	@Test
	void stormOfTwoThousandQueriesDrainsWithinTheConnectionBound(Pipeline pipeline) throws Exception {
		List<Submission> submissions = Submission.mix(42, 2000);
		int bound = Pipeline.WORKERS * Pipeline.POOL_SIZE;
		WorkerConnections connections = WorkerConnections.sample(pipeline.database(), Duration.ofMillis(20),
				() -> bound);
		try (SluiceClient first = client(pipeline, 0); SluiceClient second = client(pipeline, 1)) {
			long started = System.nanoTime();
			// Every submission must be accepted at once: the client does not retry here.
			List<QueryHandle> accepted = allOf(submissions.size(), (i) -> () -> {
				SluiceClient client = (i % 2 == 0) ? first : second;
				return client.submit(submissions.get(i).query(), submissions.get(i).params());
			});
			long submittedAt = System.nanoTime();
			List<QueryStatus> finished = allOf(accepted.size(), (i) -> () -> accepted.get(i).await(TERMINAL_WAIT));
			long drainedAt = System.nanoTime();
			connections.close();
			int maxConnections = connections.maxTotal();

			Map<CacheOutcome, Integer> outcomes = new EnumMap<>(CacheOutcome.class);
			for (int i = 0; i < finished.size(); i++) {
				QueryStatus status = finished.get(i);
				assertThat(status.state()).as("state of %s", submissions.get(i)).isEqualTo(QueryState.SUCCEEDED);
				outcomes.merge(status.cache().orElseThrow(), 1, Integer::sum);
				assertThat(status.rows()).as("rows of %s", submissions.get(i))
					.isEqualTo(submissions.get(i).runOverJdbcTyped(pipeline.database()));
			}
			assertThat(maxConnections).isPositive().isLessThanOrEqualTo(bound);
			logger.info(
					"e2e storm: 2000 queries, submitted in {} ms, drained in {} ms after the first submit; "
							+ "max worker connections {} (bound {}); cache outcomes {}",
					TimeUnit.NANOSECONDS.toMillis(submittedAt - started),
					TimeUnit.NANOSECONDS.toMillis(drainedAt - started), maxConnections, bound, outcomes);
		}
	}

	/**
	 * Run {@code count} calls on virtual threads, at most {@link #AT_ONCE} at a time.
	 * @return their results, in order
	 */
	private static <T> List<T> allOf(int count, IntFunction<Supplier<T>> calls) throws Exception {
		Semaphore atOnce = new Semaphore(AT_ONCE);
		List<CompletableFuture<T>> results = new ArrayList<>();
		try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < count; i++) {
				atOnce.acquire();
				Supplier<T> call = calls.apply(i);
				results.add(CompletableFuture.supplyAsync(() -> {
					try {
						return call.get();
					}
					finally {
						atOnce.release();
					}
				}, callers));
			}
		}
		List<T> all = new ArrayList<>();
		for (CompletableFuture<T> result : results) {
			all.add(result.join());
		}
		return all;
	}

	private static SluiceClient client(Pipeline pipeline, int ingress) {
		return SluiceClient.builder(URI.create(pipeline.ingress(ingress).baseUrl()))
			.retryPolicy(RetryPolicy.none())
			.build();
	}

}
