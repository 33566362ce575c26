package dev.sluice.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.sluice.bench.cpu.WatchedProcess;
import dev.sluice.bench.load.ClientMode;
import dev.sluice.bench.soak.GcLog;
import dev.sluice.bench.soak.ProcessFootprint;
import dev.sluice.bench.soak.SoakLoad;
import dev.sluice.bench.targets.Database;
import dev.sluice.bench.targets.DemoCatalogVariant;
import dev.sluice.bench.targets.SluiceTarget;
import dev.sluice.devstack.postgres.DemoDatabase;
import dev.sluice.devstack.postgres.PostgresServer;

/**
 * {@code bench/run soak}: Sluice under a steady mixed load, large results included, at a
 * share of what it drains, for a long time, watching each process's memory.
 * <p>
 * First a short burst well above capacity measures how many queries a second the stack
 * completes; the soak then submits at {@code --capacity-share} of that (0.7) for
 * {@code --duration} (30 min). Every 10 s it records each process's resident memory and
 * open files; each app's GC log gives the heap after every collection and every pause.
 * Between {@code --measure-from} (10 min) and the end, the run passes if each app's heap
 * after GC stays within ±15 % (at the end of each tenth of the window, the lowest heap
 * after GC of the minute or tenth before it, against their mean), no pause exceeds 200
 * ms, and no accepted query is lost.
 */
final class SoakRun {

	static final String USAGE = """
			usage: bench/run soak [--duration 30m] [--measure-from 10m] [--capacity-share 0.7] [--rate N]
			                      [--calibrate 20s] [--workers 2] [--pool-size 8] [--retention 15m]
			                      [--database sluice_demo] [--demo-scale 1] [--results bench/results]
			""";

	static final double HEAP_BAND = 0.15;

	static final double MAX_PAUSE_MS = 200;

	private static final int TIMEOUT_MS = 30_000;

	private static final int SLICES = 10;

	/**
	 * The least span a heap-after-GC floor is read over. G1 gives back old-generation
	 * garbage (large results, allocated there directly) only at the end of a marking
	 * cycle, every 20-50 s on a full ingress heap; a floor read over less than a cycle
	 * compares young collections with the end of a cycle.
	 */
	private static final Duration FLOOR_SPAN = Duration.ofMinutes(1);

	private final Map<String, String> options;

	private final Consumer<String> progress;

	SoakRun(Map<String, String> options, Consumer<String> progress) {
		this.options = options;
		this.progress = progress;
	}

	static SoakRun parse(String[] args, Consumer<String> progress) {
		return new SoakRun(
				BenchOptions.pairs(args, 1,
						List.of("--duration", "--measure-from", "--capacity-share", "--rate", "--calibrate",
								"--workers", "--pool-size", "--retention", "--database", "--demo-scale", "--results"),
						USAGE),
				progress);
	}

	private Duration duration(String option, String otherwise) {
		return BenchOptions.duration(option, this.options.getOrDefault(option, otherwise));
	}

	/**
	 * @return the run's figures and verdict; the report is in {@link Result#directory()}
	 */
	Result run() throws InterruptedException {
		Duration length = duration("--duration", "30m");
		Duration measureFrom = duration("--measure-from", "10m");
		if (measureFrom.compareTo(length) >= 0) {
			throw new IllegalArgumentException(
					"--measure-from (" + measureFrom + ") must be shorter than --duration (" + length + ")\n" + USAGE);
		}
		PostgresServer server = PostgresServer.fromEnvironment();
		String name = this.options.getOrDefault("--database", DemoDatabase.DEFAULT_NAME);
		DemoDatabase.on(server, name)
			.ensureLoaded(Double.parseDouble(this.options.getOrDefault("--demo-scale", "1")), this.progress);
		Map<String, Long> sizes = Measurement.sizes(server, name);
		Path directory = Measurement.resultsDirectory(Path.of(this.options.getOrDefault("--results", "bench/results")),
				"soak");
		Path raw = directory.resolve("raw");
		Map<String, String> settings = new HashMap<>();
		if (this.options.containsKey("--retention")) {
			settings.put("SLUICE_RESULTS_RETENTION", this.options.get("--retention"));
		}
		SluiceTarget.Layout layout = new SluiceTarget.Layout(
				Integer.parseInt(this.options.getOrDefault("--workers", "2")),
				Integer.parseInt(this.options.getOrDefault("--pool-size", "8")), writeCatalog(raw), ClientMode.WAIT);
		try (SluiceTarget sluice = SluiceTarget.start("sluice", new Database(server, name), layout, raw, settings)) {
			double rate = rate(sluice, sizes);
			this.progress.accept(String.format(Locale.ROOT, "soak: %.1f submissions/s for %s", rate, length));
			List<Sample> samples = new java.util.concurrent.CopyOnWriteArrayList<>();
			Instant started = Instant.now();
			ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
			List<WatchedProcess> processes = sluice.processes();
			SoakLoad load = new SoakLoad(sluice.baseUrl(), sizes.get("customers"), sizes.get("orders"));
			sampler.scheduleAtFixedRate(() -> sample(processes, load, started, samples), 0, 10, TimeUnit.SECONDS);
			load.run(rate, length, TIMEOUT_MS);
			sampler.shutdown();
			sampler.awaitTermination(5, TimeUnit.SECONDS);
			Instant from = started.plus(measureFrom);
			Instant to = started.plus(length);
			List<AppMemory> apps = new ArrayList<>();
			for (WatchedProcess process : processes) {
				List<GcLog.Pause> pauses = GcLog.read(SluiceTarget.gcLog(raw, process.name()));
				apps.add(AppMemory.of(process.name(), pauses, samples, from, to, measureFrom.toSeconds()));
			}
			Result result = new Result(directory, rate, length, measureFrom, load.counts(), apps, samples);
			SoakReport.write(result, started);
			this.progress.accept("report: " + directory.resolve("report.md"));
			return result;
		}
	}

	/** The given rate, or the share of the capacity a burst measures. */
	private double rate(SluiceTarget sluice, Map<String, Long> sizes) throws InterruptedException {
		if (this.options.containsKey("--rate")) {
			return Double.parseDouble(this.options.get("--rate"));
		}
		Duration calibrate = duration("--calibrate", "20s");
		this.progress.accept("calibrating: a burst of " + calibrate + " at 400 submissions/s");
		SoakLoad burst = new SoakLoad(sluice.baseUrl(), sizes.get("customers"), sizes.get("orders"));
		long started = System.nanoTime();
		burst.run(400, calibrate, TIMEOUT_MS);
		double seconds = (System.nanoTime() - started) / 1e9;
		double capacity = burst.counts().endedTotal() / seconds;
		double share = Double.parseDouble(this.options.getOrDefault("--capacity-share", "0.7"));
		this.progress.accept(String.format(Locale.ROOT, "capacity: %d queries ended in %.1f s, %.1f/s; %s",
				burst.counts().endedTotal(), seconds, capacity, burst.counts()));
		return share * capacity;
	}

	private static void sample(List<WatchedProcess> processes, SoakLoad load, Instant started, List<Sample> samples) {
		long second = Duration.between(started, Instant.now()).toSeconds();
		SoakLoad.Counts counts = load.counts();
		for (WatchedProcess process : processes) {
			ProcessFootprint.of(process.pid())
				.ifPresent((footprint) -> samples.add(new Sample(second, process.name(), footprint.rssBytes(),
						footprint.openFiles(), counts.accepted(), counts.endedTotal())));
		}
	}

	/**
	 * The demo catalog plus {@code orders_page}: 2000 orders from an id on, each with a
	 * 256-character note, about 0.6 MB of rows.
	 */
	private static Path writeCatalog(Path directory) {
		return DemoCatalogVariant.write(directory, "soak-catalog.yml", (yaml) -> yaml + """

				  orders_page:
				    description: A page of 2000 orders from an id on, with a long note each (soak only)
				    sql: |
				      select id, customer_id, total_cents, status, created_at,
				             repeat(md5(id::text), 8) as note
				      from orders where id > :after order by id limit 2000
				    params:
				      after: { type: long, required: true, min: 0 }
				    cacheTtl: 30s
				    timeout: 5s
				    maxRows: 2000
				    maxBytes: 2MB
				""");
	}

	/**
	 * One reading of one process.
	 *
	 * @param second seconds since the soak started
	 * @param process its name
	 * @param rssBytes resident memory
	 * @param openFiles open file descriptors
	 * @param accepted queries accepted so far (all processes alike)
	 * @param ended queries ended so far
	 */
	record Sample(long second, String process, long rssBytes, int openFiles, long accepted, long ended) {
	}

	/**
	 * One process over the measured window.
	 *
	 * @param name ingress, worker-n or kafka broker
	 * @param pauses GC pauses in the window (none for the broker, which has no GC log)
	 * @param sliceFloors at the end of each tenth of the window, the lowest heap after GC
	 * over the tenth or the minute before, whichever is longer, within the window; bytes
	 * @param maxPauseMs the longest pause in the window
	 * @param rssFirst resident memory at the window's start
	 * @param rssLast and at its end
	 * @param filesFirst open files at the window's start
	 * @param filesLast and at its end
	 */
	record AppMemory(String name, int pauses, List<Long> sliceFloors, double maxPauseMs, long rssFirst, long rssLast,
			int filesFirst, int filesLast) {

		static AppMemory of(String name, List<GcLog.Pause> all, List<Sample> samples, Instant from, Instant to,
				long fromSecond) {
			List<GcLog.Pause> window = all.stream()
				.filter((pause) -> !pause.at().isBefore(from) && pause.at().isBefore(to))
				.toList();
			long sliceNanos = Duration.between(from, to).toNanos() / SLICES;
			long lookBackNanos = Math.max(sliceNanos, FLOOR_SPAN.toNanos());
			List<Long> floors = new ArrayList<>();
			for (int i = 0; i < SLICES; i++) {
				Instant end = from.plusNanos((i + 1) * sliceNanos);
				Instant back = end.minusNanos(lookBackNanos);
				Instant start = back.isBefore(from) ? from : back;
				window.stream()
					.filter((pause) -> !pause.at().isBefore(start) && pause.at().isBefore(end))
					.mapToLong(GcLog.Pause::heapAfterBytes)
					.min()
					.ifPresent(floors::add);
			}
			double maxPause = window.stream().mapToDouble(GcLog.Pause::pauseMillis).max().orElse(0);
			List<Sample> mine = samples.stream()
				.filter((sample) -> sample.process().equals(name) && sample.second() >= fromSecond)
				.toList();
			Sample first = mine.isEmpty() ? null : mine.get(0);
			Sample last = mine.isEmpty() ? null : mine.get(mine.size() - 1);
			return new AppMemory(name, window.size(), floors, maxPause, (first != null) ? first.rssBytes() : 0,
					(last != null) ? last.rssBytes() : 0, (first != null) ? first.openFiles() : 0,
					(last != null) ? last.openFiles() : 0);
		}

		/** Whether it has a GC log to judge (the broker has none). */
		boolean hasGcLog() {
			return this.pauses > 0;
		}

		/** The largest distance of a slice's floor from their mean, as a share of it. */
		double heapSpread() {
			double mean = this.sliceFloors.stream().mapToLong(Long::longValue).average().orElse(0);
			if (mean == 0) {
				return 0;
			}
			return this.sliceFloors.stream().mapToDouble((floor) -> Math.abs(floor - mean) / mean).max().orElse(0);
		}

		/**
		 * How much the heap after GC grew over the window: the highest floor of its last
		 * half against the lowest of its first half, as a share of the latter; 0 with
		 * fewer than two floors.
		 */
		double heapGrowth() {
			int half = this.sliceFloors.size() / 2;
			if (half == 0) {
				return 0;
			}
			long early = this.sliceFloors.subList(0, half).stream().mapToLong(Long::longValue).min().orElse(0);
			long late = this.sliceFloors.subList(half, this.sliceFloors.size())
				.stream()
				.mapToLong(Long::longValue)
				.max()
				.orElse(0);
			return (early == 0) ? 0 : (double) (late - early) / early;
		}

		boolean passes() {
			return !hasGcLog() || (heapSpread() <= HEAP_BAND && this.maxPauseMs <= MAX_PAUSE_MS);
		}

	}

	/**
	 * A soak's outcome.
	 *
	 * @param directory where its report is
	 * @param rate submissions per second
	 * @param length how long it submitted
	 * @param measureFrom when the judged window began
	 * @param counts what happened to the submissions
	 * @param apps each process over the window
	 * @param samples every reading
	 */
	record Result(Path directory, double rate, Duration length, Duration measureFrom, SoakLoad.Counts counts,
			List<AppMemory> apps, List<Sample> samples) {

		boolean passes() {
			return this.counts.lost() == 0 && this.apps.stream().allMatch(AppMemory::passes);
		}

	}

}
