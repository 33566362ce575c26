package dev.sluice.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.contract.CacheOutcome;
import dev.sluice.devstack.postgres.TestDatabase;
import dev.sluice.e2e.SluiceClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workers' bounded connection pools, end to end: a storm of queries drains with the
 * right answers and never more database connections than the pools allow.
 */
@ExtendWith(SharedPipeline.class)
class BoundedPoolIT {

	private static final Logger logger = LoggerFactory.getLogger(BoundedPoolIT.class);

	@Test
	void stormOfTwoThousandQueriesDrainsWithinTheConnectionBound(Pipeline pipeline) throws Exception {
		Random random = new Random(42);
		List<Submission> submissions = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			submissions.add((i % 2 == 0) ? new Submission("item", Map.of("id", 1 + random.nextInt(20000)))
					: new Submission("group_total", Map.of("grp", random.nextInt(50), "minId", random.nextInt(4))));
		}
		ConnectionSampler connections = new ConnectionSampler(pipeline.database());
		long started = System.nanoTime();
		List<Response> accepted = pipeline.submitAll(submissions);
		long submittedAt = System.nanoTime();
		assertThat(accepted).extracting(Response::status)
			.as(() -> "answers to the storm, the first refusal: " + firstRefusal(accepted))
			.containsOnly(202);

		List<Response> finished = pipeline.awaitTerminal(accepted);
		long drainedAt = System.nanoTime();
		int maxConnections = connections.stop();

		assertThat(finished).extracting(Response::state).containsOnly("SUCCEEDED");
		Map<CacheOutcome, Integer> outcomes = new EnumMap<>(CacheOutcome.class);
		for (int i = 0; i < finished.size(); i++) {
			JsonNode status = finished.get(i).body();
			outcomes.merge(CacheOutcome.valueOf(status.get("cache").asString()), 1, Integer::sum);
			assertThat(finished.get(i).rows())
				.as("rows of %s %s", submissions.get(i).query(), submissions.get(i).params())
				.isEqualTo(pipeline.directly(submissions.get(i)));
		}
		int bound = Pipeline.WORKERS * Pipeline.POOL_SIZE;
		assertThat(maxConnections).isPositive().isLessThanOrEqualTo(bound);
		logger.info(
				"e2e storm: 2000 queries, submitted in {} ms, drained in {} ms after the first submit; "
						+ "max worker connections {} (bound {}); cache outcomes {}",
				TimeUnit.NANOSECONDS.toMillis(submittedAt - started),
				TimeUnit.NANOSECONDS.toMillis(drainedAt - started), maxConnections, bound, outcomes);
	}

	private static String firstRefusal(List<Response> answers) {
		return answers.stream()
			.filter((answer) -> answer.status() != 202)
			.findFirst()
			.map((answer) -> answer.status() + " " + answer.body())
			.orElse("none");
	}

	/** Samples, every 20 ms, how many connections the workers hold on the database. */
	static final class ConnectionSampler {

		private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

		private final AtomicInteger max = new AtomicInteger();

		private final Connection connection;

		ConnectionSampler(TestDatabase database) throws Exception {
			this.connection = database.connect();
			PreparedStatement count = this.connection.prepareStatement(
					"select count(*) from pg_stat_activity where datname = ? and application_name like 'sluice-worker%'");
			count.setString(1, database.name());
			this.timer.scheduleAtFixedRate(() -> {
				try (ResultSet result = count.executeQuery()) {
					result.next();
					this.max.accumulateAndGet(result.getInt(1), Math::max);
				}
				catch (Exception ex) {
					// A missed sample only makes the maximum less complete; the next one
					// retries.
				}
			}, 0, 20, TimeUnit.MILLISECONDS);
		}

		int stop() throws Exception {
			this.timer.shutdown();
			this.timer.awaitTermination(5, TimeUnit.SECONDS);
			this.connection.close();
			return this.max.get();
		}

	}

}
