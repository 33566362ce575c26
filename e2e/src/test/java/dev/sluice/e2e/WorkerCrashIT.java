package dev.sluice.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.sluice.devstack.process.ChildProcess;
import dev.sluice.e2e.SluiceClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker killed with SIGKILL in the middle of a batch: the other worker takes over its
 * partitions, and every query it held still ends with the right answer.
 */
@ExtendWith(SharedPipeline.class)
class WorkerCrashIT {

	private static final Logger logger = LoggerFactory.getLogger(WorkerCrashIT.class);

	@Test
	void killingAWorkerMidwayLosesNothing(Pipeline pipeline) throws Exception {
		List<Submission> submissions = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			submissions.add(new Submission("group_total", Map.of("grp", i % 50, "minId", 1000 + i)));
		}
		List<Response> accepted = pipeline.submitAll(submissions);
		assertThat(accepted).extracting(Response::status).containsOnly(202);
		SluiceClient client = pipeline.client(0);
		AtomicInteger done = new AtomicInteger();
		await("some queries finished before the crash").atMost(Duration.ofSeconds(60)).until(() -> {
			done.set(0);
			for (Response response : accepted.subList(0, 100)) {
				if (client.statusNow(response.id()).isTerminal()) {
					done.incrementAndGet();
				}
			}
			return done.get() >= 20;
		});
		ChildProcess crashed = pipeline.worker(0);
		crashed.kill();
		try {
			List<Response> finished = pipeline.awaitTerminal(accepted);
			assertThat(finished).extracting(Response::state).containsOnly("SUCCEEDED");
			for (int i = 0; i < finished.size(); i += 25) {
				assertThat(finished.get(i).rows()).isEqualTo(pipeline.directly(submissions.get(i)));
			}
		}
		finally {
			// The other tests of the shared pipeline count on both workers.
			BuiltApps.awaitReady(crashed.start());
		}
		logger.info("e2e crash: 600 queries, {} killed with SIGKILL after {} of the first 100 finished; "
				+ "all 600 SUCCEEDED", crashed.name(), done.get());
	}

}
