package dev.sluice.bench.ingress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import dev.sluice.bench.load.ClientMode;
import dev.sluice.bench.targets.Database;
import dev.sluice.bench.targets.SluiceTarget;
import dev.sluice.contract.Sha256;

/**
 * How many submissions per second one ingress accepts (202 after Kafka acknowledged)
 * while its p99 stays under a bound, next to the same server's cheapest endpoint
 * ({@code GET /actuator/health/liveness}) measured in the same run, so the gap is what
 * validation and the durable produce cost. wrk sweeps the connection count; Debian ships
 * wrk, not wrk2, so the load is closed-loop and "max submits/s" is the best rate among
 * the sweep's steps whose p99 stayed under the bound.
 */
public final class IngressThroughput {

	private static final int WARM_UP_CONNECTIONS = 8;

	private static final String KEY = "bench-key";

	private final Database database;

	private final long customers;

	private final Security security;

	private final IdempotencyKeys idempotencyKeys;

	private final Consumer<String> progress;

	/**
	 * @param idempotencyKeys whether every POST carries an {@code Idempotency-Key} of its
	 * own, as the Java client sends
	 */
	public IngressThroughput(Database database, long customers, Security security, IdempotencyKeys idempotencyKeys,
			Consumer<String> progress) {
		this.database = database;
		this.customers = customers;
		this.security = security;
		this.idempotencyKeys = idempotencyKeys;
		this.progress = progress;
	}

	/**
	 * @param connections the sweep, e.g. 1, 2, 4, 8, 16, 32, 64
	 * @param step how long each step runs
	 * @param warmUp how long both endpoints are driven, unrecorded, before the sweep, so
	 * that the sweep measures compiled code rather than the JIT; zero for none
	 * @param p99Bound the latency bound, e.g. 50 ms
	 * @param directory the results folder
	 * @return the report file
	 */
	public Path run(List<Integer> connections, Duration step, Duration warmUp, Duration p99Bound, Path directory) {
		Path raw = directory.resolve("raw");
		List<Wrk.Result> submits = new ArrayList<>();
		List<Wrk.Result> liveness = new ArrayList<>();
		try (SluiceTarget sluice = SluiceTarget.start("sluice", this.database,
				new SluiceTarget.Layout(2, 8, null, ClientMode.POLL), raw.resolve("sluice"), settings(raw))) {
			Path script = writeScript(raw);
			if (warmUp.isPositive()) {
				this.progress.accept("warm-up, " + WARM_UP_CONNECTIONS + " connections for " + warmUp.toSeconds()
						+ " s each: POST /v1/queries, then GET liveness (not recorded)");
				Wrk.run(sluice.baseUrl() + "/v1/queries", WARM_UP_CONNECTIONS, warmUp, script,
						raw.resolve("wrk-post-warm-up.log"));
				Wrk.run(sluice.baseUrl() + "/actuator/health/liveness", WARM_UP_CONNECTIONS, warmUp, null,
						raw.resolve("wrk-liveness-warm-up.log"));
			}
			for (int count : connections) {
				this.progress.accept("wrk, " + count + " connections: POST /v1/queries, then GET liveness");
				submits.add(Wrk.run(sluice.baseUrl() + "/v1/queries", count, step, script,
						raw.resolve("wrk-post-c" + count + ".log")));
				liveness.add(Wrk.run(sluice.baseUrl() + "/actuator/health/liveness", count, step, null,
						raw.resolve("wrk-liveness-c" + count + ".log")));
			}
		}
		return write(directory, step, warmUp, p99Bound, submits, liveness);
	}

	private Path writeScript(Path raw) {
		// Uniform ids, so the queue holds distinct queries, as under real traffic.
		String lua = """
				wrk.method = "POST"
				wrk.headers["Content-Type"] = "application/json"
				%s
				%s
				request = function()
				  %s
				  local body = string.format('{"query":"customer_by_id","params":{"customerId":%%d}}', math.random(1, %d))
				  return wrk.format(nil, nil, nil, body)
				end
				"""
			.formatted(
					(this.security == Security.KEYS) ? "wrk.headers[\"Authorization\"] = \"Bearer " + KEY + "\"" : "",
					this.idempotencyKeys.numberThreads(), this.idempotencyKeys.setHeader(), this.customers);
		try {
			Files.createDirectories(raw);
			return Files.writeString(raw.resolve("submit.lua"), lua);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the wrk script", ex);
		}
	}

	/**
	 * With keys, one client whose quota never refuses: the run measures the checks, not
	 * their refusals.
	 */
	private Map<String, String> settings(Path raw) {
		if (this.security == Security.OPEN) {
			return Map.of("SLUICE_SECURITY_MODE", "open");
		}
		try {
			Files.createDirectories(raw);
			Path keys = Files.writeString(raw.resolve("keys.yml"), """
					clients:
					  bench:
					    keys: [%s]
					    quota: { rate: 1000000, burst: 1000000, maxInFlight: 100000000 }
					""".formatted(Sha256.keysFileEntry(KEY)));
			return Map.of("SLUICE_SECURITY_MODE", "keys", "SLUICE_SECURITY_KEYS", keys.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the keys file", ex);
		}
	}

	private Path write(Path directory, Duration step, Duration warmUp, Duration bound, List<Wrk.Result> submits,
			List<Wrk.Result> liveness) {
		StringBuilder md = new StringBuilder("# Ingress throughput\n\n");
		md.append("- date: ")
			.append(LocalDate.now())
			.append(", ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores shared by wrk, the ingress, 2 workers, Kafka and PostgreSQL; loopback only\n");
		md.append("- wrk (closed loop: each connection sends its next request when the last is answered), ")
			.append(step.toSeconds())
			.append(" s per step, 2 threads\n");
		md.append("- warm-up: ")
			.append(warmUp.isPositive() ? "each endpoint first took " + warmUp.toSeconds() + " s of load at "
					+ WARM_UP_CONNECTIONS + " connections, not recorded (JIT, pools)" : "none")
			.append('\n');
		md.append("- POST /v1/queries: customer_by_id with a uniformly random id; a 202 means Kafka acknowledged it\n");
		md.append((this.security == Security.KEYS)
				? "- security: keys (each POST authenticated by its API key and held to a quota that never refuses)\n"
				: "- security: open (no API key, no quota)\n");
		md.append((this.idempotencyKeys == IdempotencyKeys.UNIQUE)
				? "- idempotency keys: each POST carries one of its own, as the Java client sends, so each is "
						+ "looked up through the read barrier\n\n"
				: "- idempotency keys: none\n\n");
		md.append(
				"| connections | POST /v1/queries req/s | p50 ms | p99 ms | errors | GET liveness req/s | p50 ms | p99 ms | errors |\n");
		md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		List<String> csv = new ArrayList<>(List
			.of("connections,submit_rps,submit_p50_ms,submit_p99_ms,submit_errors,liveness_rps,liveness_p50_ms,liveness_p99_ms,liveness_errors"));
		for (int i = 0; i < submits.size(); i++) {
			Wrk.Result post = submits.get(i);
			Wrk.Result get = liveness.get(i);
			md.append(String.format(Locale.ROOT, "| %d | %.0f | %.1f | %.1f | %d | %.0f | %.1f | %.1f | %d |%n",
					post.connections(), post.requestsPerSecond(), post.p50Millis(), post.p99Millis(),
					post.non2xx() + post.socketErrors(), get.requestsPerSecond(), get.p50Millis(), get.p99Millis(),
					get.non2xx() + get.socketErrors()));
			csv.add(String.format(Locale.ROOT, "%d,%.1f,%.2f,%.2f,%d,%.1f,%.2f,%.2f,%d", post.connections(),
					post.requestsPerSecond(), post.p50Millis(), post.p99Millis(), post.non2xx() + post.socketErrors(),
					get.requestsPerSecond(), get.p50Millis(), get.p99Millis(), get.non2xx() + get.socketErrors()));
		}
		md.append("\n**Max submits/s with p99 < ")
			.append(bound.toMillis())
			.append(" ms**: ")
			.append(best(submits, bound))
			.append("  \n**Max liveness req/s with p99 < ")
			.append(bound.toMillis())
			.append(" ms**: ")
			.append(best(liveness, bound))
			.append("\n\nRaw wrk output: raw/ (not committed).\n");
		try {
			Files.createDirectories(directory);
			Files.write(directory.resolve("ingress.csv"), csv);
			return Files.writeString(directory.resolve("report.md"), md.toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the report to " + directory, ex);
		}
	}

	/** Whether the ingress asks for API keys. */
	public enum Security {

		OPEN, KEYS;

		public static Security of(String value) {
			return switch (value) {
				case "open" -> OPEN;
				case "keys" -> KEYS;
				default -> throw new IllegalArgumentException("--security must be open or keys, not " + value);
			};
		}

	}

	/**
	 * Whether each POST carries an {@code Idempotency-Key}, and the Lua that sends it.
	 */
	public enum IdempotencyKeys {

		NONE, UNIQUE;

		public static IdempotencyKeys of(String value) {
			return switch (value) {
				case "none" -> NONE;
				case "unique" -> UNIQUE;
				default ->
					throw new IllegalArgumentException("--idempotency-keys must be none or unique, not " + value);
			};
		}

		/**
		 * Each wrk thread has a Lua state of its own; setup() numbers them, so that keys
		 * (second, thread, count) never repeat within a run or across runs.
		 */
		String numberThreads() {
			return (this == NONE) ? "" : """
					local threads = 0
					setup = function(thread)
					  threads = threads + 1
					  thread:set("thread", threads)
					end
					local sent = 0""";
		}

		String setHeader() {
			return (this == NONE) ? ""
					: "sent = sent + 1\n  wrk.headers[\"Idempotency-Key\"] = os.time() .. \"-\" .. thread .. \"-\" .. sent";
		}

	}

	private static String best(List<Wrk.Result> results, Duration bound) {
		Optional<Wrk.Result> best = results.stream()
			.filter((r) -> r.clean() && r.p99Millis() < bound.toMillis())
			.max(java.util.Comparator.comparingDouble(Wrk.Result::requestsPerSecond));
		return best
			.map((r) -> String.format(Locale.ROOT, "%.0f req/s (at %d connections, p99 %.1f ms)", r.requestsPerSecond(),
					r.connections(), r.p99Millis()))
			.orElse("none of the steps kept p99 under the bound without errors");
	}

}
