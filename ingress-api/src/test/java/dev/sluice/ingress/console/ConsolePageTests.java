package dev.sluice.ingress.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ConsolePageTests {

	private static final Pattern LOCAL_REFERENCE = Pattern.compile("(?:src|href)=\"((?!https?:|//)[^\"#]+)\"");

	@Test
	void everyScriptAndStylesheetThePageLoadsIsInTheJar() throws IOException {
		String page = resource("static/index.html");
		List<String> references = new ArrayList<>();
		Matcher matcher = LOCAL_REFERENCE.matcher(page);
		while (matcher.find()) {
			references.add(matcher.group(1));
		}

		assertThat(references).contains("console.js", "console.css")
			.anyMatch((reference) -> reference.startsWith("webjars/chart.js/"));
		for (String reference : references.stream().filter((r) -> !r.startsWith("v1/")).toList()) {
			String location = reference.startsWith("webjars/") ? "META-INF/resources/" + reference
					: "static/" + reference;
			assertThat(getClass().getClassLoader().getResource(location)).as(reference).isNotNull();
		}
	}

	@Test
	void pageLoadsNothingFromOtherHosts() throws IOException {
		assertThat(resource("static/index.html")).doesNotContain("http://", "https://");
		assertThat(resource("static/console.js")).doesNotContain("http://", "https://");
	}

	@Test
	void everyChartHasAnAccessibleName() throws IOException {
		Matcher canvases = Pattern.compile("<canvas[^>]*>").matcher(resource("static/index.html"));
		int count = 0;
		while (canvases.find()) {
			count++;
			assertThat(canvases.group()).contains("role=\"img\"").contains("aria-label=\"");
		}
		assertThat(count).isEqualTo(5);
	}

	@Test
	void seriesEndpointAnswersTheWindowUncached() throws Exception {
		Instant now = Instant.parse("2026-11-22T10:00:00.500Z");
		FleetActivity activity = new FleetActivity(Duration.ofMinutes(5), Duration.ofSeconds(10));
		activity.sampleQueue(now.minusSeconds(1), 7, 0.5, 1);
		MockMvc mvc = MockMvcBuilders.standaloneSetup(new ConsoleController(activity, Clock.fixed(now, ZoneOffset.UTC)))
			.build();

		mvc.perform(get("/v1/console/series"))
			.andExpect(status().isOk())
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(jsonPath("$.windowSeconds").value(300))
			.andExpect(jsonPath("$.points.length()").value(300))
			.andExpect(jsonPath("$.points[299].epochSecond").value(now.getEpochSecond() - 1))
			.andExpect(jsonPath("$.points[299].queueDepth").value(7.0))
			.andExpect(jsonPath("$.points[299].workersConsuming").value(1.0))
			.andExpect(jsonPath("$.points[298].queueDepth").isEmpty());
	}

	private String resource(String location) throws IOException {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream(location)) {
			assertThat(in).as(location).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
