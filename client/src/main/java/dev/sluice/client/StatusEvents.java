package dev.sluice.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.Flow;

import org.jspecify.annotations.Nullable;

/**
 * The state changes of one query, from its event stream ({@code GET
 * /v1/queries/{id}/events}). Each subscription opens a stream of its own, on a virtual
 * thread, once it has demand, and reads an event only while it has demand, so a slow
 * subscriber holds the stream back rather than fill a buffer. A stream that ends before
 * the terminal state (the server closes streams after
 * {@code sluice.ingress.events-timeout}) is opened again with {@code Last-Event-ID}, so
 * nothing is seen twice.
 */
final class StatusEvents implements Flow.Publisher<QueryStatus> {

	private static final System.Logger logger = System.getLogger(SluiceClient.class.getName());

	private final QueryHandle handle;

	private final Transport transport;

	StatusEvents(QueryHandle handle, Transport transport) {
		this.handle = handle;
		this.transport = transport;
	}

	@Override
	public void subscribe(Flow.Subscriber<? super QueryStatus> subscriber) {
		Objects.requireNonNull(subscriber, "subscriber");
		StreamSubscription subscription = new StreamSubscription(subscriber);
		subscriber.onSubscribe(subscription);
		Thread.ofVirtual().name("sluice-events-" + this.handle.id()).start(subscription::run);
	}

	private final class StreamSubscription implements Flow.Subscription {

		private final Flow.Subscriber<? super QueryStatus> subscriber;

		private final Demand demand = new Demand("the events of query " + StatusEvents.this.handle.id());

		private volatile @Nullable InputStream body;

		/** The last state delivered; read and written by the reader thread only. */
		private @Nullable QueryState last;

		StreamSubscription(Flow.Subscriber<? super QueryStatus> subscriber) {
			this.subscriber = subscriber;
		}

		@Override
		public void request(long n) {
			this.demand.request(n);
		}

		@Override
		public void cancel() {
			this.demand.cancel();
			closeBody();
		}

		void run() {
			try {
				follow();
			}
			catch (Demand.Cancelled ex) {
				// No signal may follow a cancel.
			}
			catch (RuntimeException ex) {
				if (!this.demand.isCancelled()) {
					this.subscriber.onError(ex);
				}
			}
			finally {
				closeBody();
			}
		}

		/**
		 * Open streams until the terminal state has come, each time from the last state
		 * seen; give up when {@code maxAttempts} streams in a row brought nothing new.
		 */
		private void follow() {
			RetryPolicy retry = StatusEvents.this.transport.retryPolicy();
			int emptyStreams = 0;
			boolean resume = true;
			while (true) {
				awaitDemand();
				Request request = request(resume);
				HttpResponse<InputStream> response = whileBlocked(
						() -> StatusEvents.this.transport.open(request, null));
				this.body = response.body();
				// 204: the server holds the state of Last-Event-ID as final. Ask from the
				// start, and the current state comes first.
				resume = response.statusCode() != 204;
				Outcome outcome = readStream(response.body());
				if (outcome == Outcome.ENDED) {
					return;
				}
				emptyStreams = (outcome == Outcome.ADVANCED) ? 0 : emptyStreams + 1;
				if (emptyStreams >= retry.maxAttempts()) {
					throw new SluiceException(request.description() + " failed: its event stream ended " + emptyStreams
							+ " times in a row without a new state (the retry policy's maxAttempts)", null);
				}
				if (emptyStreams > 0) {
					int failures = emptyStreams;
					whileBlocked(() -> {
						StatusEvents.this.transport.pause(request, retry.backoff(failures));
						return null;
					});
				}
			}
		}

		private Request request(boolean resume) {
			Request request = Request
				.get(StatusEvents.this.handle.path() + "/events", "Following query " + StatusEvents.this.handle.id())
				.accepting(Request.EVENT_STREAM);
			return (resume && this.last != null) ? request.header("Last-Event-ID", this.last.name()) : request;
		}

		/**
		 * Deliver the new states of one stream.
		 * @return whether the terminal state came, or else whether the stream brought a
		 * new state before it ended
		 */
		private Outcome readStream(InputStream stream) {
			boolean advanced = false;
			try (EventStreamReader events = new EventStreamReader(stream)) {
				while (true) {
					awaitDemand();
					EventStreamReader.Event event = this.demand.whileBlocked(events::next);
					if (event == null) {
						return advanced ? Outcome.ADVANCED : Outcome.NOTHING_NEW;
					}
					QueryStatus status = StatusDocument.parse(event.data().getBytes(StandardCharsets.UTF_8),
							"The event stream of query " + StatusEvents.this.handle.id());
					if (this.last == null || this.last.canAdvanceTo(status.state())) {
						advanced = true;
						this.last = status.state();
						deliver(StatusEvents.this.handle.observe(status));
						if (status.isTerminal()) {
							closeBody();
							if (this.demand.isCancelled()) {
								// Cancelled from onNext: no signal may follow.
								throw new Demand.Cancelled();
							}
							this.subscriber.onComplete();
							return Outcome.ENDED;
						}
					}
				}
			}
			catch (IOException ex) {
				logger.log(Level.DEBUG, "The event stream of query {0} broke ({1}); opening it again",
						StatusEvents.this.handle.id(), ex.toString());
				return advanced ? Outcome.ADVANCED : Outcome.NOTHING_NEW;
			}
		}

		private void deliver(QueryStatus status) {
			this.demand.take();
			try {
				this.subscriber.onNext(status);
			}
			catch (RuntimeException ex) {
				// A subscriber must not throw (rule 2.13); the subscription ends.
				logger.log(Level.WARNING, "The subscriber to the events of query " + status.id() + " threw; cancelling",
						ex);
				cancel();
				throw new Demand.Cancelled();
			}
		}

		private void awaitDemand() {
			IllegalArgumentException badRequest = this.demand.await();
			if (badRequest != null) {
				cancel();
				this.subscriber.onError(badRequest);
				throw new Demand.Cancelled();
			}
		}

		private <T> T whileBlocked(Demand.NetworkWait<T> wait) {
			try {
				return this.demand.whileBlocked(wait);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private void closeBody() {
			InputStream stream = this.body;
			if (stream != null) {
				try {
					stream.close();
				}
				catch (IOException ex) {
					// Closing is how a stream is abandoned; there is nothing left to
					// read.
				}
			}
		}

	}

	private enum Outcome {

		ENDED, ADVANCED, NOTHING_NEW

	}

}
