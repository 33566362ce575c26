package dev.sluice.bench.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses of one JVM, read from its unified GC log
 * ({@code -Xlog:gc:file=...:utctime}), one line per pause:
 *
 * <pre>
 * [2026-12-02T04:10:00.123+0000] GC(12) Pause Young (Normal) (G1 Evacuation Pause) 120M-&gt;45M(256M) 3.210ms
 * </pre>
 *
 * The heap after a pause is the figure a soak watches: what survives collection. Lines of
 * concurrent phases carry no pause and are skipped.
 */
public final class GcLog {

	private static final Pattern PAUSE = Pattern.compile(
			"^\\[([^\\]]+)\\].*GC\\(\\d+\\) (Pause .*?) (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([\\d.]+)ms");

	private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	private GcLog() {
	}

	/**
	 * One pause.
	 *
	 * @param at when it ended
	 * @param kind e.g. {@code Pause Young (Normal) (G1 Evacuation Pause)}
	 * @param heapAfterBytes the heap in use after it
	 * @param pauseMillis how long the application stood still
	 */
	public record Pause(Instant at, String kind, long heapAfterBytes, double pauseMillis) {
	}

	/**
	 * @param file a GC log; missing means no pause yet
	 * @return its pauses, oldest first
	 */
	public static List<Pause> read(Path file) {
		if (!Files.isRegularFile(file)) {
			return List.of();
		}
		try {
			return parse(Files.readAllLines(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the GC log " + file, ex);
		}
	}

	static List<Pause> parse(List<String> lines) {
		List<Pause> pauses = new ArrayList<>();
		for (String line : lines) {
			Matcher matcher = PAUSE.matcher(line);
			if (matcher.find()) {
				pauses.add(
						new Pause(OffsetDateTime.parse(matcher.group(1), UTC_TIME).toInstant(), matcher.group(2).trim(),
								bytes(matcher.group(5), matcher.group(6)), Double.parseDouble(matcher.group(9))));
			}
		}
		return pauses;
	}

	private static long bytes(String amount, String unit) {
		long value = Long.parseLong(amount);
		return switch (unit) {
			case "K" -> value * 1024;
			case "M" -> value * 1024 * 1024;
			default -> value * 1024 * 1024 * 1024;
		};
	}

}
