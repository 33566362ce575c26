package dev.sluice.ingress.query;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The event streams this replica is serving. On shutdown they are ended before the web
 * server's graceful shutdown starts, so that open streams do not hold it up: clients
 * reconnect, with {@code Last-Event-ID}, to another replica.
 */
class OpenStreams implements SmartLifecycle {

	private final Set<SseEmitter> emitters = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	void add(SseEmitter emitter) {
		this.emitters.add(emitter);
	}

	void remove(SseEmitter emitter) {
		this.emitters.remove(emitter);
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.emitters.forEach(SseEmitter::complete);
		this.emitters.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
