package dev.sluice.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.sluice.e2e.SluiceClient.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console page in a real browser (Debian's headless chromium) against a running
 * pipeline: after a burst of queries its charts hold fleet-wide data.
 */
class ConsolePageIT {

	private static final Logger logger = LoggerFactory.getLogger(ConsolePageIT.class);

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path LOGS = Path.of("target", "e2e-logs");

	private static final Path SCREENSHOT = Path.of("target", "console.png");

	/** What the page drew: per dataset label, the points with a value and the largest. */
	private static final String CHART_DATA = """
			const result = {};
			for (const id of ['throughput', 'queue', 'latency', 'cache', 'workers']) {
			  for (const dataset of Chart.getChart(id).data.datasets) {
			    const values = dataset.data.map((p) => p.y).filter((y) => y !== null);
			    result[dataset.field] = { points: values.length, max: values.length ? Math.max(...values) : null };
			  }
			}
			return result;
			""";

	private static ConsoleStack stack;

	private static ChromeDriver browser;

	@BeforeAll
	static void start() throws Exception {
		assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
			.as("%s and %s are needed: install Debian's chromium and chromium-driver "
					+ "(apt-get install -y chromium chromium-driver)", CHROMIUM, CHROMEDRIVER)
			.isTrue();
		stack = ConsoleStack.start("console", LOGS);
		browser = startBrowser();
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void chartsReceiveFleetWideDataDuringABurst() throws IOException {
		browser.get(stack.ingress().baseUrl() + "/");
		await("the page's first poll").atMost(Duration.ofSeconds(30)).until(() -> polls() > 0);
		assertThat(browser.getTitle()).isEqualTo("Sluice console");

		List<Response> accepted = stack.burst(600, 150);
		// A refusal names its cause: the problem document of the first one.
		assertThat(accepted)
			.as(() -> "the first refusal: " + accepted.stream()
				.filter((response) -> response.status() != 200 && response.status() != 202)
				.findFirst()
				.map(Response::toString)
				.orElse("none"))
			.extracting(Response::status)
			.isSubsetOf(200, 202);

		await("accepted/s, DB queries/s, p95, hit ratio and workers on the charts").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(() -> {
				Map<String, Map<String, Number>> charts = charts();
				assertThat(charts.get("accepted").get("max").doubleValue()).as("accepted/s").isPositive();
				assertThat(charts.get("dbQueries").get("max").doubleValue()).as("DB queries/s").isPositive();
				assertThat(charts.get("endToEndP95Seconds").get("max")).as("end-to-end p95").isNotNull();
				assertThat(charts.get("cacheHitRatio").get("max")).as("cache hit ratio").isNotNull();
				assertThat(charts.get("workersConsuming").get("max").doubleValue()).as("workers consuming")
					.isEqualTo(1.0);
				assertThat(charts.get("queueDepth").get("points").intValue()).as("queue depth samples").isPositive();
			});
		// The page draws complete seconds only, fetched once a second, so the burst's
		// last seconds reach the chart on later polls: the total converges.
		// A worker's RUNNING can overtake the ingress's own QUEUED into the view, and
		// then that query is not counted as accepted: rare, hence the small tolerance.
		await("every accepted query on the chart").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.untilAsserted(
					() -> assertThat(Math.round(sum("accepted"))).as("accepted on the chart").isBetween(570L, 600L));
		Map<String, Map<String, Number>> charts = charts();
		assertThat(browser.findElement(org.openqa.selenium.By.cssSelector("[data-field=dbQueries]")).getText())
			.endsWith("/s");
		assertThat(browser.findElement(org.openqa.selenium.By.id("status")).getText()).startsWith("Live");

		// The picture worth keeping: the accepted spike next to the flat database load,
		// once the queue has drained.
		await("the queue drained, as the page shows it").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> latest("queueDepth") == 0.0);
		Files.createDirectories(SCREENSHOT.getParent());
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
		logger.info(String.format("console: %s; screenshot %s", charts, SCREENSHOT.toAbsolutePath()));
	}

	private static ChromeDriver startBrowser() throws IOException {
		Path profile = Files.createTempDirectory("sluice-console-chromium");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--window-size=1400,1350", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.withLogFile(LOGS.resolve("chromedriver.log").toFile())
			.build();
		Files.createDirectories(LOGS);
		return new ChromeDriver(service, options);
	}

	private static long polls() {
		return ((Number) ((JavascriptExecutor) browser).executeScript("return window.sluiceConsole.polls;"))
			.longValue();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Number>> charts() {
		Map<String, Object> data = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(CHART_DATA);
		return (Map<String, Map<String, Number>>) (Map<String, ?>) data;
	}

	private static Double latest(String field) {
		Object value = ((JavascriptExecutor) browser).executeScript("return window.sluiceConsole.latest[arguments[0]];",
				field);
		return (value != null) ? ((Number) value).doubleValue() : null;
	}

	private static double sum(String field) {
		Object total = ((JavascriptExecutor) browser)
			.executeScript("return window.sluiceConsole.points.reduce((sum, p) => sum + p[arguments[0]], 0);", field);
		return ((Number) total).doubleValue();
	}

}
