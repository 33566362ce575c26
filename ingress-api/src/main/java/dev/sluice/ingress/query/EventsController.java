package dev.sluice.ingress.query;

import java.util.concurrent.atomic.AtomicReference;

import dev.sluice.ingress.clients.Client;
import dev.sluice.contract.EncodedStatus;
import dev.sluice.contract.QueryState;
import dev.sluice.ingress.IngressProperties;
import dev.sluice.ingress.view.QueryStatuses;
import dev.sluice.ingress.view.Subscription;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /v1/queries/{id}/events}: a {@code text/event-stream} of the query's state
 * changes, the current state first and the terminal one last, after which the stream
 * ends. A reconnect with {@code Last-Event-ID: <STATE>} skips that state and earlier
 * ones; once the terminal state was seen, the answer is {@code 204}, which tells an
 * {@code EventSource} to stop reconnecting.
 */
@RestController
@RequestMapping("/v1/queries")
class EventsController {

	private static final Subscription ENDED = () -> {
	};

	private final QueryStatuses statuses;

	private final QueryLookup lookup;

	private final OpenStreams openStreams;

	private final long timeoutMillis;

	private final SimpleAsyncTaskExecutor sender = new SimpleAsyncTaskExecutor("sluice-events-");

	EventsController(QueryStatuses statuses, QueryLookup lookup, OpenStreams openStreams,
			IngressProperties properties) {
		this.statuses = statuses;
		this.lookup = lookup;
		this.openStreams = openStreams;
		this.timeoutMillis = properties.eventsTimeout().toMillis();
		this.sender.setVirtualThreads(true);
	}

	@GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	ResponseEntity<SseEmitter> events(@PathVariable String id,
			@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId, Client client) {
		EncodedStatus status = this.lookup.find(id, client);
		QueryState seen = parseState(lastEventId);
		if (seen != null && seen.isTerminal()) {
			return ResponseEntity.noContent().build();
		}
		SseEmitter emitter = new SseEmitter(this.timeoutMillis);
		AtomicReference<@Nullable Subscription> subscription = new AtomicReference<>();
		Runnable unsubscribe = () -> {
			this.openStreams.remove(emitter);
			Subscription current = subscription.getAndSet(ENDED);
			if (current != null) {
				current.close();
			}
		};
		emitter.onCompletion(unsubscribe);
		emitter.onError((ex) -> unsubscribe.run());
		emitter.onTimeout(() -> {
			unsubscribe.run();
			emitter.complete();
		});
		this.openStreams.add(emitter);
		Subscription subscribed = this.statuses.subscribe(status.id(), new StatusStream(emitter, seen, this.sender));
		if (!subscription.compareAndSet(null, subscribed)) {
			// The stream ended while subscribing.
			subscribed.close();
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(emitter);
	}

	private static @Nullable QueryState parseState(@Nullable String lastEventId) {
		if (lastEventId == null) {
			return null;
		}
		try {
			return QueryState.valueOf(lastEventId.trim());
		}
		catch (IllegalArgumentException ex) {
			// Not an id this API sends: start over with the current state.
			return null;
		}
	}

}
