package dev.sluice.devstack.process;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ReadinessTests {

	@TempDir
	Path logs;

	/** What the fake app answers on each path, in turn; the last answer repeats. */
	private final Map<String, Deque<Canned>> answers = new ConcurrentHashMap<>();

	private final AtomicInteger asked = new AtomicInteger();

	private HttpServer app;

	private ChildProcess child;

	@BeforeEach
	void startFakeApp() throws IOException {
		this.app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.app.createContext("/", (exchange) -> {
			this.asked.incrementAndGet();
			Deque<Canned> canned = this.answers.get(exchange.getRequestURI().getPath());
			Canned answer = (canned == null) ? new Canned(404, "")
					: (canned.size() > 1) ? canned.removeFirst() : canned.getFirst();
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), (body.length > 0) ? body.length : -1);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.app.start();
	}

	@AfterEach
	void stopAll() {
		this.app.stop(0);
		if (this.child != null) {
			this.child.kill();
		}
	}

	@Test
	void springBootAppIsReadyOnceItsReadinessAnswers200() {
		answer("/actuator/health/readiness", new Canned(503, "{\"status\":\"OUT_OF_SERVICE\"}"),
				new Canned(503, "{\"status\":\"OUT_OF_SERVICE\"}"), new Canned(200, "{\"status\":\"UP\"}"));
		this.child = sleeping();

		Readiness.within(Duration.ofSeconds(30))
			.every(Duration.ofMillis(20))
			.await(this.child, Probe.springBootApp(port()));

		assertThat(this.asked).hasValue(3);
	}

	@Test
	void springBootAppWithoutHealthGroupsIsReadyOnItsHealth() {
		answer("/actuator/health", new Canned(200, "{\"status\":\"UP\"}"));
		this.child = sleeping();

		Readiness.within(Duration.ofSeconds(30)).await(this.child, Probe.springBootApp(port()));

		assertThat(this.asked).hasValue(2);
	}

	@Test
	void notReadyInTimeSaysWhatTheProbeHeardAndWhatTheChildPrinted() {
		answer("/health", new Canned(503, "database down"));
		this.child = ChildProcess.builder("app", List.of("sh", "-c", "echo connecting; exec sleep 600"))
			.logTo(this.logs)
			.start();

		assertThatIllegalStateException()
			.isThrownBy(() -> Readiness.within(Duration.ofSeconds(1))
				.await(this.child, Probe.http(URI.create("http://127.0.0.1:" + port() + "/health"))))
			.withMessageStartingWith("app was not ready within 1 s: GET http://127.0.0.1:" + port()
					+ "/health answers 503 database down. Its last lines, from ")
			.withMessageEndingWith("app.log:\n    connecting");
	}

	@Test
	void aChildThatExitsEndsTheWaitAtOnce() {
		this.child = ChildProcess.builder("app", List.of("sh", "-c", "echo no database; exit 2"))
			.logTo(this.logs)
			.start();

		assertThatIllegalStateException()
			.isThrownBy(() -> Readiness.within(Duration.ofMinutes(5)).await(this.child, Probe.springBootApp(port())))
			.withMessageStartingWith("app exited with code 2 while starting. Its last lines")
			.withMessageEndingWith("\n    no database");
	}

	@Test
	void aWatchedChildThatExitsEndsTheWaitToo() {
		this.child = sleeping();
		ChildProcess other = ChildProcess.builder("other", List.of("true")).logTo(this.logs).start();

		assertThatIllegalStateException()
			.isThrownBy(() -> Readiness.within(Duration.ofMinutes(5))
				.watching(List.of(other))
				.await(this.child, Probe.springBootApp(port())))
			.withMessageStartingWith("other exited with code 0 while starting.");
	}

	@Test
	void aPauseCanEndTheWaitEarly() {
		this.child = sleeping();

		boolean ready = Readiness.within(Duration.ofMinutes(5))
			.pausingWith((interval) -> true)
			.await(Map.of(this.child, Probe.springBootApp(port())));

		assertThat(ready).isFalse();
	}

	@Test
	void aBodyProbeWaitsForWhatTheBodyShows() {
		answer("/ready", new Canned(503, "{\"workers\":1}"));
		this.child = sleeping();
		Probe twoWorkers = Probe.http(URI.create("http://127.0.0.1:" + port() + "/ready"), "two workers",
				(body) -> body.contains("\"workers\":2"));

		assertThatIllegalStateException()
			.isThrownBy(() -> Readiness.within(Duration.ofMillis(100)).await(this.child, twoWorkers))
			.withMessageContaining("(expecting two workers) answers 503 {\"workers\":1}");
		answer("/ready", new Canned(503, "{\"workers\":2}"));
		assertThatNoException()
			.isThrownBy(() -> Readiness.within(Duration.ofSeconds(30)).await(this.child, twoWorkers));
	}

	@Test
	void aListeningProbeIsReadyOnceThePortAcceptsConnections() throws IOException {
		this.child = sleeping();
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Probe listening = Probe.listening(socket.getLocalPort());
			assertThatNoException()
				.isThrownBy(() -> Readiness.within(Duration.ofSeconds(30)).await(this.child, listening));
		}
	}

	private ChildProcess sleeping() {
		return ChildProcess.builder("app", List.of("sleep", "600")).logTo(this.logs).start();
	}

	private int port() {
		return this.app.getAddress().getPort();
	}

	private void answer(String path, Canned... answers) {
		this.answers.put(path, new ArrayDeque<>(List.of(answers)));
	}

	record Canned(int status, String body) {
	}

}
