package dev.sluice.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.sluice.bench.soak.SoakLoad;

/**
 * Writes a soak's {@code report.md} (the verdict, the counts, each process over the
 * judged window) and {@code samples.csv} (every 10-s reading).
 */
final class SoakReport {

	private static final double MB = 1024 * 1024;

	private SoakReport() {
	}

	static void write(SoakRun.Result result, Instant started) {
		StringBuilder report = new StringBuilder();
		report.append("# Soak, ").append(started).append("\n\n");
		report.append(
				String.format(Locale.ROOT, "%.1f submissions/s for %s; judged from %s to the end. Verdict: **%s**.%n%n",
						result.rate(), result.length(), result.measureFrom(), result.passes() ? "pass" : "fail"));
		appendCounts(report, result);
		report.append("\n| process | GC pauses | heap after GC, floor per tenth (MB) | spread | longest pause | "
				+ "RSS first → last (MB) | open files first → last | verdict |\n");
		report.append("|---|---:|---|---:|---:|---|---|---|\n");
		for (SoakRun.AppMemory app : result.apps()) {
			String floors = app.sliceFloors()
				.stream()
				.map((bytes) -> String.format(Locale.ROOT, "%.0f", bytes / MB))
				.collect(Collectors.joining(" "));
			report.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.0f → %.0f | %d → %d | %s |%n",
					app.name(), app.pauses(), app.hasGcLog() ? floors : "no GC log",
					app.hasGcLog() ? String.format(Locale.ROOT, "±%.1f %%", app.heapSpread() * 100) : "–",
					app.hasGcLog() ? String.format(Locale.ROOT, "%.1f ms", app.maxPauseMs()) : "–", app.rssFirst() / MB,
					app.rssLast() / MB, app.filesFirst(), app.filesLast(), app.passes() ? "pass" : "fail"));
		}
		report.append(String.format(Locale.ROOT,
				"%nPass: each app's heap after GC within ±%.0f %% (the lowest of each tenth of the window against "
						+ "their mean), no pause over %.0f ms, no accepted query lost.%n",
				SoakRun.HEAP_BAND * 100, SoakRun.MAX_PAUSE_MS));
		StringBuilder csv = new StringBuilder("second,process,rss_bytes,open_files,accepted,ended\n");
		for (SoakRun.Sample sample : result.samples()) {
			csv.append(sample.second())
				.append(',')
				.append(sample.process())
				.append(',')
				.append(sample.rssBytes())
				.append(',')
				.append(sample.openFiles())
				.append(',')
				.append(sample.accepted())
				.append(',')
				.append(sample.ended())
				.append('\n');
		}
		try {
			Files.createDirectories(result.directory());
			Files.writeString(result.directory().resolve("report.md"), report);
			Files.writeString(result.directory().resolve("samples.csv"), csv);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the soak report to " + result.directory(), ex);
		}
	}

	private static void appendCounts(StringBuilder report, SoakRun.Result result) {
		SoakLoad.Counts counts = result.counts();
		report.append("| sent | accepted | refused (503) | failed requests | dropped by the load | lost | ended |\n");
		report.append("|---:|---:|---:|---:|---:|---:|---|\n");
		report.append(
				String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %s |%n", counts.sent(), counts.accepted(),
						counts.refused(), counts.failedRequests(), counts.dropped(), counts.lost(), counts.ended()));
	}

}
