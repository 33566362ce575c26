package dev.sluice.bench.ingress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sluice.bench.process.Tools;
import org.jspecify.annotations.Nullable;

/**
 * One wrk run (Debian package {@code wrk}) against a loopback URL, and what it reported.
 * wrk keeps each connection busy, request after request: a closed loop, so the offered
 * rate grows with the connections.
 */
final class Wrk {

	private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

	private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
			Pattern.MULTILINE);

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

	private static final Pattern SOCKET = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private Wrk() {
	}

	/**
	 * @param url the target URL on 127.0.0.1
	 * @param connections open connections, each sending request after request
	 * @param duration how long
	 * @param script a wrk Lua script (e.g. for a POST body), or {@code null} for GET
	 * @param log where wrk's output goes
	 * @return what wrk measured
	 */
	static Result run(String url, int connections, Duration duration, @Nullable Path script, Path log) {
		Path wrk = Tools.require("wrk", "wrk");
		List<String> command = new ArrayList<>(List.of(wrk.toString(), "-t", Integer.toString(Math.min(2, connections)),
				"-c", Integer.toString(connections), "-d", duration.toSeconds() + "s", "--timeout", "5s", "--latency"));
		if (script != null) {
			command.addAll(List.of("-s", script.toString()));
		}
		command.add(url);
		try {
			Files.createDirectories(log.getParent());
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("wrk did not finish in time; see " + log);
			}
			return parse(connections, Files.readString(log));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run wrk", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while wrk ran", ex);
		}
	}

	static Result parse(int connections, String output) {
		Matcher rate = RATE.matcher(output);
		if (!rate.find()) {
			throw new IllegalStateException("wrk printed no Requests/sec:\n" + output);
		}
		double p50 = Double.NaN;
		double p99 = Double.NaN;
		Matcher percentile = PERCENTILE.matcher(output);
		while (percentile.find()) {
			double millis = Double.parseDouble(percentile.group(2)) * switch (percentile.group(3)) {
				case "us" -> 0.001;
				case "s" -> 1000;
				default -> 1;
			};
			if (percentile.group(1).equals("50")) {
				p50 = millis;
			}
			else {
				p99 = millis;
			}
		}
		Matcher non2xx = NON_2XX.matcher(output);
		Matcher socket = SOCKET.matcher(output);
		long socketErrors = 0;
		if (socket.find()) {
			for (int i = 1; i <= 4; i++) {
				socketErrors += Long.parseLong(socket.group(i));
			}
		}
		return new Result(connections, Double.parseDouble(rate.group(1)), p50, p99,
				non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0, socketErrors);
	}

	/**
	 * @param connections open connections
	 * @param requestsPerSecond answered requests per second
	 * @param p50Millis median latency
	 * @param p99Millis 99th percentile latency
	 * @param non2xx answers other than 2xx/3xx
	 * @param socketErrors connect, read, write errors and timeouts
	 */
	record Result(int connections, double requestsPerSecond, double p50Millis, double p99Millis, long non2xx,
			long socketErrors) {

		boolean clean() {
			return this.non2xx == 0 && this.socketErrors == 0;
		}

	}

}
