package dev.sluice.devstack.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * How {@link Readiness} asks a child process whether it is ready: an HTTP endpoint or a
 * TCP port on the loopback. Each question takes at most 2 s to connect and 2 s to be
 * answered; a child that does not answer is not ready yet.
 */
public final class Probe {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final String question;

	private final Question ask;

	private Probe(String question, Question ask) {
		this.question = question;
		this.ask = ask;
	}

	/**
	 * A Spring Boot app: ready once {@code /actuator/health/readiness} answers
	 * {@code 200}. An app without health groups answers {@code 404} there; then
	 * {@code /actuator/health} decides.
	 * @param port the app's port on 127.0.0.1
	 * @return the probe
	 */
	public static Probe springBootApp(int port) {
		URI readiness = local(port, "/actuator/health/readiness");
		URI health = local(port, "/actuator/health");
		return new Probe("GET " + readiness, () -> {
			HttpResponse<String> answer = get(readiness);
			boolean ready = answer.statusCode() == 200
					|| (answer.statusCode() == 404 && get(health).statusCode() == 200);
			return new Answer(ready, said(answer));
		});
	}

	/**
	 * @param url e.g. a health endpoint
	 * @return a probe that is ready once a GET of {@code url} answers {@code 200}
	 */
	public static Probe http(URI url) {
		return new Probe("GET " + url, () -> {
			HttpResponse<String> answer = get(url);
			return new Answer(answer.statusCode() == 200, said(answer));
		});
	}

	/**
	 * @param url e.g. a health endpoint, which explains itself in its body
	 * @param expecting what the body must show, for the message if it never does
	 * @param ready whether a body shows it, whatever the status
	 * @return a probe that is ready once a GET of {@code url} answers a body that passes
	 */
	public static Probe http(URI url, String expecting, Predicate<String> ready) {
		return new Probe("GET " + url + " (expecting " + expecting + ")", () -> {
			HttpResponse<String> answer = get(url);
			return new Answer(ready.test(answer.body()), said(answer));
		});
	}

	/**
	 * @param port a port on 127.0.0.1
	 * @return a probe that is ready once something accepts a connection there
	 */
	public static Probe listening(int port) {
		return new Probe("connecting to 127.0.0.1:" + port, () -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TIMEOUT.toMillis());
				return new Answer(true, "accepted");
			}
		});
	}

	/** Ask once; a failure to connect or to answer in time means not ready. */
	Answer ask() {
		try {
			return this.ask.ask();
		}
		catch (IOException ex) {
			return new Answer(false, "no answer (" + ex + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(false, "no answer (interrupted)");
		}
	}

	/** What is asked, e.g. {@code GET http://127.0.0.1:8080/actuator/health}. */
	@Override
	public String toString() {
		return this.question;
	}

	private static URI local(int port, String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	private static HttpResponse<String> get(URI url) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static String said(HttpResponse<String> answer) {
		return answer.statusCode() + " " + answer.body();
	}

	/**
	 * @param ready whether the child is ready
	 * @param said what it answered, for a message if it never is, e.g. which health
	 * component is down
	 */
	record Answer(boolean ready, String said) {
	}

	@FunctionalInterface
	private interface Question {

		Answer ask() throws IOException, InterruptedException;

	}

}
