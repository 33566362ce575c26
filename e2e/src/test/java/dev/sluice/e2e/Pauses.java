package dev.sluice.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import dev.sluice.e2e.ElasticWorkersIT.Change;
import dev.sluice.e2e.SluiceClient.Response;

/**
 * What each change of the worker group cost the queries around it, read from their
 * terminal statuses ({@code submittedAt}, {@code startedAt}, {@code completedAt}), next
 * to the steady state before the first change:
 * <ul>
 * <li><b>gap</b>: the longest time without any query completing, from 1 s before the
 * change until 2 s after the group settled: a pause of every partition at once;</li>
 * <li><b>wait</b>: the longest time a query submitted in that window waited for a worker
 * ({@code startedAt - submittedAt}): a pause of some partitions, such as those of a
 * killed worker until the broker evicts it.</li>
 * </ul>
 */
final class Pauses {

	private static final Duration BEFORE = Duration.ofSeconds(1);

	private static final Duration AFTER = Duration.ofSeconds(2);

	private static final Duration WARM_UP = Duration.ofSeconds(5);

	private Pauses() {
	}

	/**
	 * @param loadStarted when the first query was sent
	 * @param changes the changes of the group, in order
	 * @param finished the terminal statuses of every accepted query
	 * @return a table, a line per change under a line for the steady state
	 */
	static String table(Instant loadStarted, List<Change> changes, List<Response> finished) {
		List<Times> times = finished.stream()
			.map(Times::of)
			.sorted((a, b) -> a.completed.compareTo(b.completed))
			.toList();
		StringBuilder table = new StringBuilder(
				String.format("%-24s %9s %9s %9s %9s%n", "change", "settle ms", "gap ms", "wait ms", "queries"));
		Instant steadyFrom = loadStarted.plus(WARM_UP);
		Instant steadyTo = changes.isEmpty() ? Instant.now() : changes.get(0).at().minus(BEFORE);
		table.append(row("steady, before changes", null, steadyFrom, steadyTo, times));
		for (Change change : changes) {
			table.append(row(change.name(), Duration.between(change.at(), change.settled()), change.at().minus(BEFORE),
					change.settled().plus(AFTER), times));
		}
		return table.toString();
	}

	private static String row(String name, Duration settle, Instant from, Instant to, List<Times> times) {
		Predicate<Instant> within = (at) -> !at.isBefore(from) && !at.isAfter(to);
		long gap = 0;
		Instant previous = null;
		for (Times query : times) {
			if (within.test(query.completed)) {
				if (previous != null) {
					gap = Math.max(gap, Duration.between(previous, query.completed).toMillis());
				}
				previous = query.completed;
			}
		}
		List<Times> submitted = times.stream().filter((query) -> within.test(query.submitted)).toList();
		long wait = submitted.stream()
			.mapToLong((query) -> Duration.between(query.submitted, query.started).toMillis())
			.max()
			.orElse(0);
		return String.format("%-24s %9s %9d %9d %9d%n", name, (settle != null) ? settle.toMillis() : "-", gap, wait,
				submitted.size());
	}

	private record Times(Instant submitted, Instant started, Instant completed) {

		static Times of(Response status) {
			return new Times(instant(status, "submittedAt"), instant(status, "startedAt"),
					instant(status, "completedAt"));
		}

		private static Instant instant(Response status, String field) {
			return Instant.parse(status.body().get(field).asString());
		}

	}

}
