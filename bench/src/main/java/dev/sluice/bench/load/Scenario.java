package dev.sluice.bench.load;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A closed-model load shape: the number of concurrent users over time, as k6's
 * {@code ramping-vus} stages describe it. Each user submits one query and waits for its
 * result, again and again.
 *
 * @param name {@code storm}, {@code wave} or {@code smoke}
 * @param stages each stage moves linearly from the previous stage's users (0 at first) to
 * its own over its duration
 */
public record Scenario(String name, List<Stage> stages) {

	public Scenario {
		stages = List.copyOf(stages);
		if (stages.isEmpty()) {
			throw new IllegalArgumentException("Scenario " + name + " needs at least one stage");
		}
	}

	/** The seed's storm: 0 to 1000 users in 10 s, then hold (k6/storm.js). */
	public static Scenario storm(int users, Duration ramp, Duration hold) {
		return new Scenario("storm", List.of(new Stage(ramp, users), new Stage(hold, users)));
	}

	/** The seed's wave: 0 to 500 users over 2 minutes, then hold (k6/wave.js). */
	public static Scenario wave(int users, Duration ramp, Duration hold) {
		return new Scenario("wave", List.of(new Stage(ramp, users), new Stage(hold, users)));
	}

	/** A few users for a few seconds, to prove the harness and the targets work. */
	public static Scenario smoke(int users, Duration ramp, Duration hold) {
		return new Scenario("smoke", List.of(new Stage(ramp, users), new Stage(hold, users)));
	}

	/**
	 * A short moderate load run before the measured one and not recorded: it compiles the
	 * hot paths of every JVM involved and fills connection pools, so that the measured
	 * run compares the targets, not their start-up.
	 * @param users the users to ramp to in the first quarter and hold
	 * @param duration the whole warm-up
	 * @return the scenario
	 */
	public static Scenario warmUp(int users, Duration duration) {
		Duration ramp = duration.dividedBy(4);
		return new Scenario("warm-up", List.of(new Stage(ramp, users), new Stage(duration.minus(ramp), users)));
	}

	/**
	 * @param name storm, wave or smoke
	 * @param users the peak, or 0 for the scenario's default
	 * @param ramp the ramp, or {@code null} for the default
	 * @param hold the hold, or {@code null} for the default
	 * @return the scenario
	 */
	public static Scenario named(String name, int users, @Nullable Duration ramp, @Nullable Duration hold) {
		return switch (name) {
			case "storm" -> storm(or(users, 1000), or(ramp, 10), or(hold, 60));
			case "wave" -> wave(or(users, 500), or(ramp, 120), or(hold, 30));
			case "smoke" -> smoke(or(users, 20), or(ramp, 5), or(hold, 20));
			// A steady load long enough for caches to fill and the DB rate to settle.
			case "cache" -> new Scenario("cache",
					List.of(new Stage(or(ramp, 5), or(users, 200)), new Stage(or(hold, 40), or(users, 200))));
			default -> throw new IllegalArgumentException(
					"Unknown scenario '" + name + "'; choose storm, wave, smoke or cache");
		};
	}

	private static int or(int value, int fallback) {
		return (value > 0) ? value : fallback;
	}

	private static Duration or(@Nullable Duration value, int fallbackSeconds) {
		return (value != null) ? value : Duration.ofSeconds(fallbackSeconds);
	}

	public Duration duration() {
		return this.stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
	}

	public int peakUsers() {
		return this.stages.stream().mapToInt(Stage::users).max().orElse(0);
	}

	/**
	 * The steady phase: the last stage if it holds the users constant, measured from the
	 * start of the run in whole seconds.
	 * @return {@code [from, to)} in seconds since the start
	 */
	public long[] steadyPhase() {
		Duration beforeLast = duration().minus(this.stages.getLast().duration());
		return new long[] { beforeLast.toSeconds(), duration().toSeconds() };
	}

	/**
	 * One stage.
	 *
	 * @param duration how long it lasts
	 * @param users the concurrent users at its end
	 */
	public record Stage(Duration duration, int users) {

		public Stage {
			if (duration.isNegative() || duration.isZero() || users < 1) {
				throw new IllegalArgumentException(
						"A stage needs a positive duration and users, not " + duration + " and " + users);
			}
		}

	}

}
