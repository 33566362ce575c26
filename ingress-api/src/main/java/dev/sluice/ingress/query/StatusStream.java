package dev.sluice.ingress.query;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.JsonCodec;
import dev.sluice.contract.QueryState;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Sends the state changes of one query to one event stream: {@code event} and {@code id}
 * are the state, {@code data} the status document's bytes as they came. Only states that
 * advance are sent, each once, in order; the terminal one ends the stream.
 *
 * <p>
 * {@link #accept} is called by the materializer and never blocks: sends are queued on
 * {@code sender}, one after the other.
 */
final class StatusStream implements Consumer<EncodedStatus> {

	private final SseEmitter emitter;

	private final Executor sender;

	private @Nullable QueryState last;

	private boolean ended;

	private CompletableFuture<Void> sending = CompletableFuture.completedFuture(null);

	/**
	 * @param emitter the stream
	 * @param alreadySeen the state the client saw last ({@code Last-Event-ID}), or
	 * {@code null}; it and earlier states are not sent again
	 * @param sender where sends run
	 */
	StatusStream(SseEmitter emitter, @Nullable QueryState alreadySeen, Executor sender) {
		this.emitter = emitter;
		this.last = alreadySeen;
		this.sender = sender;
	}

	@Override
	public synchronized void accept(EncodedStatus status) {
		if (this.ended || (this.last != null && !this.last.canAdvanceTo(status.state()))) {
			return;
		}
		this.last = status.state();
		this.ended = status.state().isTerminal();
		this.sending = this.sending.thenRunAsync(() -> send(status), this.sender);
	}

	private void send(EncodedStatus status) {
		String state = status.state().name();
		try {
			this.emitter
				.send(SseEmitter.event().name(state).id(state).data(oneLine(status), MediaType.APPLICATION_JSON));
			if (status.state().isTerminal()) {
				this.emitter.complete();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client went away or the stream already ended: nothing left to tell.
			this.emitter.complete();
		}
	}

	/**
	 * The document as one {@code data:} line. Documents are written compact, so their
	 * bytes go out as they are; a line break (only possible as whitespace between JSON
	 * tokens) would end the event early, so such a document is encoded again.
	 */
	static byte[] oneLine(EncodedStatus status) {
		byte[] json = status.json();
		for (byte b : json) {
			if (b == '\n' || b == '\r') {
				return JsonCodec.encode(JsonCodec.MAPPER.readTree(json));
			}
		}
		return json;
	}

}
