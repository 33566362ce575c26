package dev.sluice.e2e;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.sluice.contract.CacheOutcome;
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
		List<Submission> submissions = Submission.mix(42, 2000);
		int bound = Pipeline.WORKERS * Pipeline.POOL_SIZE;
		WorkerConnections connections = WorkerConnections.sample(pipeline.database(), Duration.ofMillis(20),
				() -> bound);
		long started = System.nanoTime();
		List<Response> accepted = pipeline.submitAll(submissions);
		long submittedAt = System.nanoTime();
		assertThat(accepted).extracting(Response::status)
			.as(() -> "answers to the storm, the first refusal: " + firstRefusal(accepted))
			.containsOnly(202);

		List<Response> finished = pipeline.awaitTerminal(accepted);
		long drainedAt = System.nanoTime();
		connections.close();
		int maxConnections = connections.maxTotal();

		assertThat(finished).extracting(Response::state).containsOnly("SUCCEEDED");
		Map<CacheOutcome, Integer> outcomes = new EnumMap<>(CacheOutcome.class);
		for (int i = 0; i < finished.size(); i++) {
			JsonNode status = finished.get(i).body();
			outcomes.merge(CacheOutcome.valueOf(status.get("cache").asString()), 1, Integer::sum);
			assertThat(finished.get(i).rows())
				.as("rows of %s %s", submissions.get(i).query(), submissions.get(i).params())
				.isEqualTo(pipeline.directly(submissions.get(i)));
		}
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

}
