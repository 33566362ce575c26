package dev.sluice.bench.ceiling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.sluice.bench.process.Tools;
import dev.sluice.bench.targets.Database;
import dev.sluice.bench.workload.Workload;
import dev.sluice.catalog.Catalog;

/**
 * The database's own ceiling for the workload's query mix: pgbench runs the catalog SQL
 * with the same parameter distributions and weights at a few client counts, and the best
 * transactions per second is the most any front end could drain.
 */
public final class PgbenchCeiling {

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

	private final Database database;

	private final Workload workload;

	private final PgbenchScripts scripts;

	public PgbenchCeiling(Database database, Workload workload, Catalog catalog) {
		this.database = database;
		this.workload = workload;
		this.scripts = new PgbenchScripts(catalog);
	}

	/**
	 * @param clients the client counts to try, e.g. 4, 8, 16
	 * @param duration how long each try runs
	 * @param directory where the scripts and pgbench's output go
	 * @return TPS per client count, and the best
	 */
	public Result measure(List<Integer> clients, Duration duration, Path directory) {
		Path pgbench = Tools.require("pgbench", "postgresql");
		List<String> scriptArguments = writeScripts(directory);
		Map<Integer, Double> tps = new LinkedHashMap<>();
		for (int count : clients) {
			List<String> command = new ArrayList<>(List.of(pgbench.toString(), "-n", "-M", "prepared", "-c",
					Integer.toString(count), "-j", Integer.toString(Math.min(count, 2)), "-T",
					Long.toString(duration.toSeconds()), "-h", this.database.server().host(), "-p",
					Integer.toString(this.database.server().port()), "-U", this.database.user()));
			command.addAll(scriptArguments);
			command.add(this.database.name());
			tps.put(count, run(command, directory.resolve("pgbench-c" + count + ".log"), duration));
		}
		Map.Entry<Integer, Double> best = tps.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue())
			.orElseThrow(() -> new IllegalArgumentException("no client counts given"));
		return new Result(best.getValue(), best.getKey(), tps);
	}

	private List<String> writeScripts(Path directory) {
		List<String> arguments = new ArrayList<>();
		try {
			Files.createDirectories(directory);
			for (Workload.WeightedQuery query : this.workload.queries()) {
				Path file = directory.resolve(query.name() + ".pgbench.sql");
				Files.writeString(file, this.scripts.script(query));
				arguments.add("-f");
				arguments.add(file + "@" + Math.max(1, Math.round(query.weight())));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write pgbench scripts to " + directory, ex);
		}
		return arguments;
	}

	private double run(List<String> command, Path log, Duration duration) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		if (!this.database.password().isEmpty()) {
			builder.environment().put("PGPASSWORD", this.database.password());
		}
		try {
			Process process = builder.start();
			if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("pgbench did not finish in time; see " + log);
			}
			String output = Files.readString(log);
			Matcher matcher = TPS.matcher(output);
			if (process.exitValue() != 0 || !matcher.find()) {
				throw new IllegalStateException("pgbench failed (exit " + process.exitValue() + "); see " + log + ":\n"
						+ output.lines().limit(20).reduce("", (a, b) -> a + b + "\n"));
			}
			return Double.parseDouble(matcher.group(1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot run " + command.getFirst(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while pgbench ran", ex);
		}
	}

	/**
	 * @param bestTps the highest transactions per second measured
	 * @param bestClients at that many clients
	 * @param tpsByClients every measurement
	 */
	public record Result(double bestTps, int bestClients, Map<Integer, Double> tpsByClients) {
	}

}
