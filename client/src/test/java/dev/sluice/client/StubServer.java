package dev.sluice.client;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for the ingress on an ephemeral loopback port: answers each route with the
 * responders queued for it, in order, the last one for every further request, and records
 * every request.
 */
final class StubServer implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final Map<String, Deque<Responder>> routes = new ConcurrentHashMap<>();

	private final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private StubServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static StubServer start() throws IOException {
		return new StubServer();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Queue answers for a route.
	 * @param method the HTTP method
	 * @param path the request path, e.g. {@code /v1/queries}
	 * @param responders the answers, in order; the last one answers every later request
	 * @return this stub
	 */
	StubServer on(String method, String path, Responder... responders) {
		this.routes.computeIfAbsent(method + " " + path, (route) -> new ArrayDeque<>()).addAll(List.of(responders));
		return this;
	}

	List<Recorded> requests() {
		return List.copyOf(this.requests);
	}

	List<Recorded> requests(String method, String path) {
		return this.requests.stream().filter((r) -> r.method().equals(method) && r.path().equals(path)).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Recorded request = new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
				body);
		this.requests.add(request);
		Responder responder = next(request.method() + " " + request.path());
		try (exchange) {
			if (responder == null) {
				respond(exchange, 500, "text/plain", "no answer queued for " + request.method() + " " + request.path());
				return;
			}
			responder.respond(exchange, request);
		}
	}

	private @Nullable Responder next(String route) {
		Deque<Responder> queue = this.routes.get(route);
		if (queue == null) {
			return null;
		}
		synchronized (queue) {
			return (queue.size() > 1) ? queue.poll() : queue.peek();
		}
	}

	static void respond(HttpExchange exchange, int status, String contentType, String body, String... headerPairs)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		for (int i = 0; i < headerPairs.length; i += 2) {
			exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
		}
		exchange.sendResponseHeaders(status, (bytes.length == 0) ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

	/** A JSON answer, with headers given as name, value pairs. */
	static Responder json(int status, String body, String... headerPairs) {
		return (exchange, request) -> respond(exchange, status, "application/json", body, headerPairs);
	}

	/** An RFC 9457 problem answer, with headers given as name, value pairs. */
	static Responder problem(int status, String body, String... headerPairs) {
		return (exchange, request) -> respond(exchange, status, "application/problem+json", body, headerPairs);
	}

	/**
	 * An event stream of the given status documents, each its state's event; then it
	 * ends.
	 */
	static Responder events(String... documents) {
		return (exchange, request) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			for (String document : documents) {
				out.write(Documents.event(document).getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
			out.close();
		};
	}

	/**
	 * A long-poll answer: honours {@code Prefer: wait=N} by moving the client's clock on
	 * N seconds (a wait that ran out), then answers the document with
	 * {@code Preference-Applied}.
	 */
	static Responder heldFor(ManualTime time, int status, String document) {
		return (exchange, request) -> {
			String prefer = request.header("Prefer");
			if (prefer == null) {
				respond(exchange, status, "application/json", document, "Retry-After", "1");
				return;
			}
			String seconds = prefer.replaceAll("wait=(\\d+)", "$1");
			time.advance(Duration.ofSeconds(Long.parseLong(seconds)));
			respond(exchange, status, "application/json", document, "Preference-Applied", "wait=" + seconds);
		};
	}

	/** Closes the connection without an answer. */
	static Responder dropConnection() {
		return (exchange, request) -> {
			// Closing before the headers are sent drops the connection.
		};
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@FunctionalInterface
	interface Responder {

		void respond(HttpExchange exchange, Recorded request) throws IOException;

	}

	/**
	 * A request as the stub received it.
	 */
	record Recorded(String method, String path, Map<String, List<String>> headers, String body) {

		@Nullable String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

		List<String> headerValues(String name) {
			return this.headers.getOrDefault(name, new ArrayList<>());
		}

	}

}
