package dev.sluice.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.sluice.devstack.postgres.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak's shape in two minutes: {@code bench/run soak} with the built apps at 70 % of
 * what a burst measured them to drain, large results included, statuses kept for one
 * minute instead of fifteen so that the ingress's view is full by the judged second
 * minute. Nothing may be lost and no pause may exceed 200 ms, as in the 30-minute soak.
 * Its third rule, heap after GC within ±15 % of the mean, is read here as no growth past
 * 15 %: over one minute a floor falls as often as not when a marking cycle ends (a worker
 * went from 122 to 102 MB), and falling is not what a soak looks for.
 */
class SoakIT {

	private static final Logger logger = LoggerFactory.getLogger(SoakIT.class);

	private static final PostgresServer SERVER = PostgresServer.fromEnvironment();

	private static final String DATABASE = "sluice_soak_it_" + UUID.randomUUID().toString().substring(0, 8);

	private static SoakRun.Result result;

	private static final List<String> progress = new ArrayList<>();

	@BeforeAll
	static void soak() throws Exception {
		Path base = Files.createDirectories(Path.of("target", "soak-it"));
		result = new SoakRun(Map.of("--duration", "2m", "--measure-from", "1m", "--retention", "1m", "--calibrate",
				"10s", "--workers", "1", "--pool-size", "4", "--database", DATABASE, "--demo-scale", "0.05",
				"--results", base.toString()), progress::add)
			.run();
		logger.info("{}", String.join("\n", progress));
		logger.info("{}", Files.readString(result.directory().resolve("report.md")));
	}

	@AfterAll
	static void dropDatabase() {
		SERVER.dropDatabase(DATABASE);
	}

	@Test
	void everyAcceptedQueryEnded() {
		assertThat(result.counts().accepted()).isPositive();
		assertThat(result.counts().lost()).isZero();
		assertThat(result.counts().endedTotal()).isEqualTo(result.counts().accepted());
		assertThat(result.counts().ended()).containsKey("SUCCEEDED");
	}

	@Test
	void noAppsHeapAfterGcGrowsAndNoPauseIsLong() {
		List<SoakRun.AppMemory> apps = result.apps().stream().filter(SoakRun.AppMemory::hasGcLog).toList();
		assertThat(apps).extracting(SoakRun.AppMemory::name).contains("ingress", "worker-1");
		assertThat(apps).allSatisfy((app) -> {
			assertThat(app.sliceFloors()).as(app.name() + " tenths with a collection").hasSizeGreaterThanOrEqualTo(2);
			assertThat(app.heapGrowth()).as(app.name() + " heap after GC growth").isLessThanOrEqualTo(0.15);
			assertThat(app.maxPauseMs()).as(app.name() + " longest pause").isLessThanOrEqualTo(200);
		});
	}

	@Test
	void theReportHasEveryProcessAndItsFootprint() throws Exception {
		String report = Files.readString(result.directory().resolve("report.md"));
		assertThat(report).contains("| ingress |", "| worker-1 |", "| kafka broker |");
		assertThat(result.apps()).allSatisfy((app) -> {
			assertThat(app.rssLast()).as(app.name() + " RSS").isPositive();
			assertThat(app.filesLast()).as(app.name() + " open files").isPositive();
		});
	}

}
