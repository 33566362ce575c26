package dev.sluice.e2e;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import dev.sluice.client.QueryHandle;
import dev.sluice.client.QueryState;
import dev.sluice.client.QueryStatus;
import dev.sluice.client.SluiceClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java client ({@code client/}) against the real pipeline: each way it reads a result
 * gives the rows PostgreSQL gives over JDBC, typed as the client documents.
 */
@ExtendWith(SharedPipeline.class)
class JavaClientIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@Test
	void submittedQueriesAwaitedByLongPollGiveTheRowsJdbcGives(Pipeline pipeline) throws Exception {
		List<Submission> submissions = Submission.mix(7, 200);
		try (SluiceClient client = client(pipeline, 0);
				ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
			List<CompletableFuture<QueryStatus>> answers = new ArrayList<>();
			for (Submission submission : submissions) {
				answers.add(CompletableFuture
					.supplyAsync(() -> client.submit(submission.query(), submission.params()).await(TIMEOUT), callers));
			}
			for (int i = 0; i < submissions.size(); i++) {
				QueryStatus status = answers.get(i).get(2, TimeUnit.MINUTES);
				assertThat(status.state()).as("state of %s", submissions.get(i)).isEqualTo(QueryState.SUCCEEDED);
				assertThat(status.rows()).as("rows of %s", submissions.get(i))
					.isEqualTo(submissions.get(i).runOverJdbcTyped(pipeline.database()));
			}
		}
	}

	@Test
	void runWaitsOnTheSubmissionItselfAndAnotherIngressServesTheSameResult(Pipeline pipeline) {
		Submission submission = new Submission("group_total", Map.of("grp", 17, "minId", 3));
		try (SluiceClient first = client(pipeline, 0); SluiceClient second = client(pipeline, 1)) {
			QueryStatus ran = first.run(submission.query(), submission.params(), TIMEOUT);

			assertThat(ran.state()).isEqualTo(QueryState.SUCCEEDED);
			assertThat(ran.rows()).isEqualTo(submission.runOverJdbcTyped(pipeline.database()));
			QueryStatus seen = second.attach(ran.id()).await(Duration.ZERO);
			assertThat(seen.rows()).isEqualTo(ran.rows());
			assertThat(seen.completedAt()).isEqualTo(ran.completedAt());
		}
	}

	@Test
	void theEventStreamPublishesEachStateOnceUpToTheTerminalOne(Pipeline pipeline) throws Exception {
		Submission submission = new Submission("item", Map.of("id", 777));
		try (SluiceClient client = client(pipeline, 1)) {
			QueryHandle handle = client.submit(submission.query(), submission.params());
			List<QueryStatus> changes = new CopyOnWriteArrayList<>();
			CompletableFuture<Void> completed = new CompletableFuture<>();
			handle.changes().subscribe(new Flow.Subscriber<>() {

				@Override
				public void onSubscribe(Flow.Subscription subscription) {
					subscription.request(Long.MAX_VALUE);
				}

				@Override
				public void onNext(QueryStatus status) {
					changes.add(status);
				}

				@Override
				public void onError(Throwable failure) {
					completed.completeExceptionally(failure);
				}

				@Override
				public void onComplete() {
					completed.complete(null);
				}

			});
			completed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);

			assertThat(changes).isNotEmpty();
			assertThat(changes).extracting(QueryStatus::state).doesNotHaveDuplicates();
			QueryStatus last = changes.getLast();
			assertThat(last.state()).isEqualTo(QueryState.SUCCEEDED);
			assertThat(last.rows()).isEqualTo(submission.runOverJdbcTyped(pipeline.database()));
		}
	}

	private static SluiceClient client(Pipeline pipeline, int ingress) {
		return SluiceClient.builder(URI.create(pipeline.ingress(ingress).baseUrl())).build();
	}

}
