package dev.sluice.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.sluice.client.StubServer.events;
import static dev.sluice.client.StubServer.json;
import static dev.sluice.client.StubServer.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StatusEventsTests {

	private static final String EVENTS = Documents.PATH + "/events";

	private final ManualTime time = new ManualTime();

	private StubServer stub;

	private SluiceClient sluice;

	private QueryHandle handle;

	@BeforeEach
	void start() throws IOException {
		this.stub = StubServer.start();
		this.sluice = SluiceClient.builder(this.stub.url())
			.retryPolicy(RetryPolicy.of(3, Duration.ofMillis(10), Duration.ofSeconds(30)))
			.clock(this.time)
			.pauses(this.time)
			.build();
		this.stub.on("POST", "/v1/queries", json(202, Documents.queued()));
		this.handle = this.sluice.submit("customer_orders", Map.of("customerId", 42));
	}

	@AfterEach
	void stop() {
		this.sluice.close();
		this.stub.close();
	}

	@Test
	void deliversOnlyWhatWasRequestedAndCompletesAtTheTerminalState() {
		this.stub.on("GET", EVENTS, events(Documents.queued(), Documents.running(), Documents.succeeded()));
		Recorder recorder = new Recorder();
		this.handle.changes().subscribe(recorder);

		recorder.request(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> recorder.states().size() == 1);
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(1))
			.until(() -> recorder.states().size() == 1 && !recorder.completed.get());
		recorder.request(2);

		await().atMost(Duration.ofSeconds(5)).untilTrue(recorder.completed);
		assertThat(recorder.states()).containsExactly(QueryState.QUEUED, QueryState.RUNNING, QueryState.SUCCEEDED);
		assertThat(recorder.items.get(2).rows()).hasSize(3);
		assertThat(recorder.error.get()).isNull();
		assertThat(this.handle.status().state()).isEqualTo(QueryState.SUCCEEDED);
		assertThat(this.stub.requests("GET", EVENTS)).singleElement().satisfies((request) -> {
			assertThat(request.header("Accept")).startsWith("text/event-stream");
			assertThat(request.header("Last-Event-ID")).isNull();
		});
	}

	@Test
	void opensNoStreamBeforeTheFirstRequest() {
		this.stub.on("GET", EVENTS, events(Documents.succeeded()));
		Recorder recorder = new Recorder();
		this.handle.changes().subscribe(recorder);

		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(1))
			.until(() -> this.stub.requests("GET", EVENTS).isEmpty());
		recorder.request(Long.MAX_VALUE);

		await().atMost(Duration.ofSeconds(5)).untilTrue(recorder.completed);
		assertThat(recorder.states()).containsExactly(QueryState.SUCCEEDED);
	}

	@Test
	void cancelClosesTheStream() {
		CountDownLatch clientWentAway = new CountDownLatch(1);
		this.stub.on("GET", EVENTS, (exchange, request) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			try {
				out.write(Documents.event(Documents.queued()).getBytes(StandardCharsets.UTF_8));
				out.flush();
				// Comments until the client is gone: a write to a closed connection
				// fails.
				for (int i = 0; i < 500; i++) {
					TimeUnit.MILLISECONDS.sleep(10);
					out.write(":\n\n".getBytes(StandardCharsets.UTF_8));
					out.flush();
				}
			}
			catch (IOException ex) {
				clientWentAway.countDown();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		Recorder recorder = new Recorder();
		this.handle.changes().subscribe(recorder);
		recorder.request(5);
		await().atMost(Duration.ofSeconds(5)).until(() -> recorder.states().size() == 1);

		recorder.subscription.get().cancel();

		await().atMost(Duration.ofSeconds(5)).until(() -> clientWentAway.getCount() == 0);
		assertThat(recorder.states()).containsExactly(QueryState.QUEUED);
		assertThat(recorder.completed).isFalse();
		assertThat(recorder.error.get()).isNull();
	}

	@Test
	void streamThatEndsEarlyIsResumedAfterTheLastState() {
		this.stub.on("GET", EVENTS, events(Documents.queued()), events(Documents.running(), Documents.succeeded()));
		Recorder recorder = new Recorder();
		this.handle.changes().subscribe(recorder);

		recorder.request(Long.MAX_VALUE);

		await().atMost(Duration.ofSeconds(5)).untilTrue(recorder.completed);
		assertThat(recorder.states()).containsExactly(QueryState.QUEUED, QueryState.RUNNING, QueryState.SUCCEEDED);
		assertThat(this.stub.requests("GET", EVENTS)).extracting((request) -> request.header("Last-Event-ID"))
			.containsExactly(null, "QUEUED");
	}

	@Test
	void streamThatKeepsEndingWithoutNewsEndsInAnError() {
		this.stub.on("GET", EVENTS, events(Documents.queued()), events());
		Recorder recorder = new Recorder();
		this.handle.changes().subscribe(recorder);

		recorder.request(Long.MAX_VALUE);

		await().atMost(Duration.ofSeconds(5)).until(() -> recorder.error.get() != null);
		assertThat(recorder.error.get()).isInstanceOf(SluiceException.class)
			.hasMessageContaining("ended 3 times in a row");
		assertThat(recorder.states()).containsExactly(QueryState.QUEUED);
		assertThat(this.stub.requests("GET", EVENTS)).hasSize(4);
		assertThat(this.time.pauses()).hasSize(2);
	}

	@Test
	void unknownQueryEndsInAProblem() {
		this.stub.on("GET", EVENTS, problem(404, """
				{"type":"urn:sluice:problem:query-not-found","title":"Query not found","status":404}"""));
		Recorder recorder = new Recorder();
		this.handle.changes().subscribe(recorder);

		recorder.request(1);

		await().atMost(Duration.ofSeconds(5)).until(() -> recorder.error.get() != null);
		assertThat(recorder.error.get()).isInstanceOfSatisfying(SluiceProblemException.class,
				(ex) -> assertThat(ex.status()).isEqualTo(404));
		assertThat(recorder.completed).isFalse();
	}

	@Test
	void requestOfZeroIsAnError() {
		this.stub.on("GET", EVENTS, events(Documents.succeeded()));
		Recorder recorder = new Recorder();
		this.handle.changes().subscribe(recorder);

		recorder.request(0);

		await().atMost(Duration.ofSeconds(5)).until(() -> recorder.error.get() != null);
		assertThat(recorder.error.get()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
		assertThat(this.stub.requests("GET", EVENTS)).isEmpty();
	}

	/** Records every signal; requests only what the test asks for. */
	private static final class Recorder implements Flow.Subscriber<QueryStatus> {

		final AtomicReference<Flow.@Nullable Subscription> subscription = new AtomicReference<>();

		final List<QueryStatus> items = new CopyOnWriteArrayList<>();

		final AtomicBoolean completed = new AtomicBoolean();

		final AtomicReference<@Nullable Throwable> error = new AtomicReference<>();

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription.set(subscription);
		}

		@Override
		public void onNext(QueryStatus item) {
			this.items.add(item);
		}

		@Override
		public void onError(Throwable throwable) {
			this.error.set(throwable);
		}

		@Override
		public void onComplete() {
			this.completed.set(true);
		}

		void request(long n) {
			this.subscription.get().request(n);
		}

		List<QueryState> states() {
			return this.items.stream().map(QueryStatus::state).toList();
		}

	}

}
